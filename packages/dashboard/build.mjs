// Builds the dashboard into static files the collector serves at /dashboard: dist/index.html and
// content-hashed dist/assets/*.js|css (cacheable for good; index.html names them). One script
// file and one style sheet, nothing inline, nothing from another origin, so the collector can
// serve it under a strict Content-Security-Policy. Prints each file's gzip size.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
const result = await build({
  entryPoints: { dashboard: "src/main.ts" },
  outdir: "dist/assets",
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const outputs = Object.keys(result.metafile.outputs);
const js = outputs.find((f) => f.endsWith(".js"));
const css = outputs.find((f) => f.endsWith(".css"));
if (!js || !css) throw new Error(`expected one .js and one .css output, got ${outputs.join(", ")}`);
const html = readFileSync("src/index.html", "utf8").replace("__JS__", basename(js)).replace("__CSS__", basename(css));
writeFileSync("dist/index.html", html);

let total = 0;
for (const file of ["dist/index.html", js, css]) {
  const body = readFileSync(file);
  const gzip = gzipSync(body, { level: 9 }).length;
  total += gzip;
  console.log(`${file}: ${body.length} bytes, ${gzip} bytes gzip`);
}
console.log(`dashboard: ${total} bytes gzip in all`);
