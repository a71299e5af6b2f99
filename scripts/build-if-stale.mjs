// `pnpm start` and `pnpm example:shop` run this first: it builds the packages only when a source
// is newer than what was built from it, and keeps the build's own output (the bundle-size line,
// which belongs to `pnpm build`) unless the build fails.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Each package's inputs, and one output its build always writes. */
const PACKAGES = [
  { dir: "packages/schema", output: "dist/index.js" },
  { dir: "packages/sdk", output: "dist/tally.js" },
  { dir: "packages/collector", output: "dist/cli.js" },
];
const INPUTS = ["src", "package.json", "tsconfig.json", "tsconfig.build.json", "build.mjs", "copy-web.mjs"];

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

const stale = PACKAGES.filter(({ dir, output }) => {
  const built = mtime(join(root, dir, output));
  return built < 0 || Math.max(...INPUTS.map((input) => newest(join(root, dir, input)))) > built;
});

if (stale.length > 0) {
  process.stdout.write(`Building ${stale.map((p) => p.dir).join(", ")} (changed since the last build)… `);
  try {
    execFileSync("pnpm", ["build"], { cwd: root, stdio: "pipe", encoding: "utf8" });
    console.log("done");
  } catch (error) {
    console.log("failed:");
    console.error(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    process.exit(1);
  }
}
