// pnpm example:shop — a collector on a temp SQLite file and the demo shop in both delivery
// modes, ready to click through. Ctrl-C stops everything and removes the temp database.
//
// Ports: the collector on 8788 (not 8787, so it runs beside `pnpm start`), the shops on 3000
// and 3001; any of them that is taken is replaced by a free one, and the URLs are printed.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startShop } from "./thank-you-page/server.mjs";

const CLI = fileURLToPath(new URL("../packages/collector/dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-example-"));
const db = join(dir, "shop.db");
let collector;
const shops = [];

/** `preferred` when nothing listens there, else a free port. */
function freePort(preferred) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => probe.listen(0, "127.0.0.1"));
    probe.once("listening", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.listen(preferred, "127.0.0.1");
  });
}

const shopOn = (options, preferred) =>
  startShop({ ...options, port: preferred }).catch(() => startShop({ ...options, port: 0 }));

function startCollector(port) {
  collector = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", String(port), "--no-demo"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    collector.stdout.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    });
    collector.once("exit", (code) => reject(new Error(`the collector exited (code ${code}) before it listened`)));
  });
}

let stopping;
function stop(code) {
  stopping ??= (async () => {
    if (collector && collector.exitCode === null) {
      const exited = new Promise((resolve) => collector.once("exit", resolve));
      collector.kill("SIGTERM");
      await exited;
    }
    await Promise.all(shops.map((shop) => shop.close()));
    rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  })();
  return stopping;
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
// Whatever else ends the process, leave no temp database behind.
process.on("exit", () => {
  collector?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

try {
  const keys = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, "appspace", "create", "--db", db, "--name", "Demo shop", "--currency", "USD", "--json"],
      { encoding: "utf8" },
    ),
  );
  const url = await startCollector(await freePort(8788));
  const scriptShop = await shopOn({ collector: url, key: keys.publishable_key, mode: "script" }, 3000);
  shops.push(scriptShop);
  const npmShop = await shopOn({ collector: url, key: keys.publishable_key, mode: "npm" }, 3001);
  shops.push(npmShop);
  const query = (path) =>
    `  curl -s ${url}/v1/api/analytics/ecommerce/${path} -H 'Authorization: Bearer ${keys.secret_key}'`;
  console.log(`
Collector   ${url}   (temp database ${db}, removed on exit)
Shop        ${scriptShop.url}/          script tag
            ${npmShop.url}/          the same pages, SDK from the npm import
            ${scriptShop.url}/spa/      single-page app (npm import)

Click: a product → quantity → Add to cart → Checkout → Pay, then see the numbers:
${query("overview")}
${query("top-products")}
${query("funnel")}

Ctrl-C stops the shops and the collector.`);
} catch (error) {
  console.error(`example:shop: ${error.message}`);
  await stop(1);
}
