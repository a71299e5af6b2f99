// Builds dist/tally.js (script tag: IIFE, minified) and dist/index.js (npm: ESM) from one
// source, prints the script's gzip size and fails above 4,096 bytes (the budget is 3,000).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const common = { bundle: true, target: ["es2020"], legalComments: "none", logLevel: "warning" };
// The script tag leaves event checks to the collector (its answer goes to onError); npm checks at the call.
await build({ ...common, entryPoints: ["src/entry-script.ts"], outfile: "dist/tally.js", format: "iife", minify: true, define: { __STRICT__: "false" } });
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", format: "esm", external: ["idb-keyval"], define: { __STRICT__: "true" } });
execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });

const script = readFileSync("dist/tally.js");
const gzip = gzipSync(script, { level: 9 }).length;
console.log(`dist/tally.js: ${script.length} bytes, ${gzip} bytes gzip (budget 3,000; the build fails above 4,096)`);
if (gzip > 4096) {
  console.error("dist/tally.js is over 4,096 bytes gzip");
  process.exit(1);
}
