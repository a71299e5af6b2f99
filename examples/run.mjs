// pnpm example:shop — a collector on a temp SQLite file and the demo shop in both delivery
// modes, ready to click through. Ctrl-C stops everything.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startShop } from "./thank-you-page/server.mjs";

const CLI = fileURLToPath(new URL("../packages/collector/dist/cli.js", import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), "tally-example-")), "shop.db");
const keys = JSON.parse(execFileSync(process.execPath, [CLI, "appspace", "create", "--db", db, "--name", "Demo shop", "--currency", "USD", "--json"], { encoding: "utf8" }));
const collector = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "8787", "--no-demo"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve) => {
  let out = "";
  collector.stdout.on("data", (chunk) => (out += chunk) && /listening on (http:\/\/\S+)/.test(out) && resolve(out.match(/listening on (http:\/\/\S+)/)[1]));
});
const scriptShop = await startShop({ collector: url, key: keys.publishable_key, mode: "script", port: 3000 });
const npmShop = await startShop({ collector: url, key: keys.publishable_key, mode: "npm", port: 3001 });

console.log(`
Collector   ${url}   (database ${db})
Shop        ${scriptShop.url}/          script tag + Hello Retail snippet
            ${npmShop.url}/          the same pages, SDK from the npm import
            ${scriptShop.url}/spa/      single-page app (npm import)

Click: product → Add to cart → Checkout → Pay, then see the numbers:
  curl -s ${url}/v1/api/analytics/ecommerce/overview -H 'Authorization: Bearer ${keys.secret_key}'
  curl -s ${url}/v1/api/analytics/ecommerce/funnel -H 'Authorization: Bearer ${keys.secret_key}'
  curl -s ${url}/v1/api/analytics/ecommerce/top-products -H 'Authorization: Bearer ${keys.secret_key}'

Ctrl-C stops the shop and the collector.`);

const stop = async () => {
  collector.kill("SIGTERM");
  await Promise.all([scriptShop.close(), npmShop.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
