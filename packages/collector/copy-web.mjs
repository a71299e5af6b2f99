// Part of the collector's build: copies what it serves from its sibling packages — the SDK's
// script-tag bundle and the dashboard's built files — into dist/web/, so the collector's own
// package (installed from npm, or built into the single executable) carries them and never
// looks into another package's folder while it runs.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const web = fileURLToPath(new URL("./dist/web/", import.meta.url));
rmSync(web, { recursive: true, force: true });
mkdirSync(web, { recursive: true });
cpSync(require.resolve("@tally/sdk/tally.js"), join(web, "tally.js"));
cpSync(require.resolve("@tally/sdk/shopify-pixel.js"), join(web, "shopify-pixel.js"));
cpSync(join(dirname(require.resolve("@tally/dashboard/package.json")), "dist"), join(web, "dashboard"), {
  recursive: true,
});
