// `pnpm build:binary`: the collector as one executable for this machine's platform, needing no
// Node, pnpm or node_modules where it runs. Node's single executable applications: esbuild
// bundles the CLI (and, apart, the projector's worker thread), Node writes them and the shipped
// files into a blob (`--experimental-sea-config`), and postject injects it into a copy of this
// Node binary. Prints the file's size and its start-up time.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const require = createRequire(import.meta.url);
const platform = `${process.platform}-${process.arch}`;
const output = join(root, "dist", `tally-collector-${platform}`);
const work = join(root, ".tmp", "binary");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(dirname(output), { recursive: true });

const web = join(here, "dist", "web");
try {
  statSync(join(web, "tally.js"));
} catch {
  console.error("build-binary: the collector is not built (dist/web/tally.js is missing): run `pnpm build` first");
  process.exit(1);
}

// Inside the executable there is no module file: a module's own URL is the executable's, and
// better-sqlite3's addon comes from the blob through `loadNativeAddon` instead of `bindings`.
const nativeAddon = join(here, "src", "assets", "native-addon.ts");
const embeddedAddon = {
  name: "embedded-native-addon",
  setup(b) {
    b.onResolve({ filter: /^bindings$/ }, () => ({ path: "bindings", namespace: "embedded-native-addon" }));
    b.onLoad({ filter: /.*/, namespace: "embedded-native-addon" }, () => ({
      contents: `const { getAsset } = require("node:sea");
const { loadNativeAddon } = require(${JSON.stringify(nativeAddon)});
module.exports = () => loadNativeAddon("better_sqlite3", new Uint8Array(getAsset("better_sqlite3.node")));`,
      loader: "js",
      resolveDir: here,
    }));
  },
};
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  define: { "import.meta.url": "__tallyModuleUrl" },
  plugins: [embeddedAddon],
};
const started = Date.now();
await build({
  ...common,
  entryPoints: [join(here, "src", "binary.ts")],
  outfile: join(work, "main.cjs"),
  format: "cjs",
  banner: { js: `const __tallyModuleUrl = require("node:url").pathToFileURL(process.execPath).href;` },
});
// The worker runs from a data: URL as an ES module (top-level await), with `require` for the
// bundled CommonJS dependencies' built-in modules.
await build({
  ...common,
  entryPoints: [join(here, "src", "projector", "projector-worker.ts")],
  outfile: join(work, "projector-worker.mjs"),
  format: "esm",
  banner: {
    js: `import { createRequire as __tallyRequire } from "node:module"; import { pathToFileURL as __tallyUrl } from "node:url"; const require = __tallyRequire(process.execPath); const __tallyModuleUrl = __tallyUrl(process.execPath).href;`,
  },
});

const dashboardAssets = readdirSync(join(web, "dashboard", "assets"));
const version = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).version;
writeFileSync(join(work, "manifest.json"), JSON.stringify({ version, dashboardAssets }));
const addonFile = join(
  dirname(require.resolve("better-sqlite3/package.json")),
  "build",
  "Release",
  "better_sqlite3.node",
);
const assets = {
  "manifest.json": join(work, "manifest.json"),
  "web/tally.js": join(web, "tally.js"),
  "web/shopify-pixel.js": join(web, "shopify-pixel.js"),
  "web/dashboard/index.html": join(web, "dashboard", "index.html"),
  ...Object.fromEntries(
    dashboardAssets.map((name) => [`web/dashboard/assets/${name}`, join(web, "dashboard", "assets", name)]),
  ),
  "rates/latest.json": join(here, "rates", "latest.json"),
  "projector-worker.mjs": join(work, "projector-worker.mjs"),
  "better_sqlite3.node": addonFile,
};
const blob = join(work, "sea.blob");
writeFileSync(
  join(work, "sea-config.json"),
  JSON.stringify({
    main: join(work, "main.cjs"),
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    assets,
  }),
);
execFileSync(process.execPath, ["--experimental-sea-config", join(work, "sea-config.json")], { stdio: "pipe" });

rmSync(output, { force: true });
copyFileSync(process.execPath, output);
// Node's symbol tables and debug sections are a tenth of its size and nothing a collector needs
// (the dynamic symbols native addons link against stay).
const stripped = spawnSync("strip", [output]).status === 0;
// postject in a process of its own: its ELF library warns about every note section it reads.
const injected = spawnSync(
  process.execPath,
  [
    require.resolve("postject/dist/cli.js"),
    output,
    "NODE_SEA_BLOB",
    blob,
    "--sentinel-fuse",
    "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
  ],
  { encoding: "utf8" },
);
if (injected.status !== 0) {
  console.error(`build-binary: postject failed:\n${injected.stdout}${injected.stderr}`);
  process.exit(1);
}
const built = ((Date.now() - started) / 1000).toFixed(1);

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const size = statSync(output).size;
const parts = `node ${mb(statSync(process.execPath).size)} MB${stripped ? " before strip" : " (strip not found: its symbols kept)"}, blob ${mb(statSync(blob).size)} MB`;
console.log(`${output}: ${size.toLocaleString("en")} bytes (${mb(size)} MB; ${parts}), built in ${built} s`);
console.log(`start-up: ${await startUp(output)}`);

/** Median wall time of `--version`, and of `serve` until it listens on an empty directory. */
async function startUp(exe) {
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const version = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    execFileSync(exe, ["--version"], { stdio: "pipe" });
    version.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const serve = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), "tally-startup-"));
    serve.push(await untilListening(exe, dir));
    rmSync(dir, { recursive: true, force: true });
  }
  return `--version ${median(version).toFixed(0)} ms; serve on an empty directory, until it listens ${median(serve).toFixed(0)} ms (median of 5 and 3 runs; the first serve also created the database)`;
}

function untilListening(exe, cwd) {
  const t = process.hrtime.bigint();
  const child = spawn(exe, ["serve", "--port", "0", "--no-demo"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let listened;
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      text += chunk;
      if (listened === undefined && text.includes("listening on")) {
        listened = Number(process.hrtime.bigint() - t) / 1e6;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk) => (text += chunk));
    child.once("exit", (code) =>
      listened === undefined
        ? reject(new Error(`serve exited with ${code} before listening: ${text}`))
        : resolve(listened),
    );
  });
}
