// Builds the two deliveries of one source: dist/tally.js for the script tag (IIFE, minified,
// event checks left to the collector) and dist/index.js for npm (ESM, checks at the call, with
// .d.ts from tsc). Prints the script's gzip size; fails above 4,096 bytes (the budget is 3,000).
// `node build.mjs --report` also lists what each module adds to the script.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 3000;
const CEILING = 4096;
const common = { bundle: true, target: ["es2020"], legalComments: "none", logLevel: "warning" };
// Property names that live only inside the script bundle, and that no browser object shares, are
// shortened: the parts' methods and options. Never add a name that is stored (IndexedDB,
// localStorage), sent, read from a response, called by name from a page (the tracker's
// commands), or that a built-in has (`add`, `send`, `next`, `update`, `stop`: a Set's `add`
// renamed breaks the SDK). test/bundle.test.ts runs the script on real pages, and checks that it
// reads what the npm build stores.
const internal = /^(take|settle|claim|pending|unload|outbox|transport|clock|report|reported|trace|retryAfter|beacon)$/;

rmSync("dist", { recursive: true, force: true });
const script = await build({
  ...common,
  entryPoints: ["src/entry-script.ts"],
  outfile: "dist/tally.js",
  format: "iife",
  minify: true,
  mangleProps: internal,
  metafile: true,
  define: { __NPM__: "false" },
});
await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  format: "esm",
  external: ["idb-keyval"],
  define: { __NPM__: "true" },
});
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });

if (process.argv.includes("--report")) {
  const inputs = Object.entries(script.metafile.outputs["dist/tally.js"].inputs);
  for (const [file, { bytesInOutput }] of inputs.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
    console.log(String(bytesInOutput).padStart(6), file.replace(/.*node_modules\//, ""));
  }
}
const code = readFileSync("dist/tally.js");
const gzip = gzipSync(code, { level: 9 }).length;
const verdict = gzip <= BUDGET ? "within" : gzip <= CEILING ? "OVER" : "FAILED:";
console.log(`dist/tally.js: ${code.length} bytes, ${gzip} bytes gzip — ${verdict} the ${BUDGET}-byte budget (the build fails above ${CEILING})`);
if (gzip > CEILING) process.exit(1);
