// pnpm bench:import — how long `tally-collector import` takes for a Hello Retail order feed of
// --orders orders (default 100,000, two lines each), into a fresh database, and again (a second
// run adds nothing). Not a test: it prints figures.
//
//   node packages/collector/bench/import.bench.mjs [--orders 100000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({ options: { orders: { type: "string", default: "100000" } } });
const ORDERS = Number(flags.orders);
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-import-bench-"));
const db = join(dir, "shop.db");
const feed = join(dir, "orders.json");

const day = 86_400_000;
const orders = Array.from({ length: ORDERS }, (_, i) => {
  const when = new Date(Date.now() - (1 + (i % 300)) * day - (i % 86_400) * 1000)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");
  return {
    orderNumber: `HR-${i}`,
    total: 39.9,
    date: when,
    email: `buyer${i % 20000}@example.com`,
    customerId: `c${i % 20000}`,
    products: [
      { productNumber: `p${i % 500}`, url: `https://shop.example/p${i % 500}`, quantity: 1, lineTotal: 19.95 },
      {
        productNumber: `p${(i + 1) % 500}`,
        url: `https://shop.example/p${(i + 1) % 500}`,
        quantity: 1,
        lineTotal: 19.95,
      },
    ],
  };
});
writeFileSync(feed, JSON.stringify(orders));
const appspace = JSON.parse(
  execFileSync(
    process.execPath,
    [CLI, "appspace", "create", "--db", db, "--name", "Bench", "--currency", "USD", "--json"],
    { encoding: "utf8" },
  ),
).id;

const run = () => {
  const started = performance.now();
  const out = execFileSync(process.execPath, [CLI, "import", "--db", db, "--appspace", appspace, feed], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    maxBuffer: 1 << 26,
  });
  return { seconds: (performance.now() - started) / 1000, summary: out.trim().split("\n").at(-1) };
};
const first = run();
const second = run();
console.log(
  `| import of ${ORDERS.toLocaleString("en")} Hello Retail orders (${(statSync(feed).size / 1e6).toFixed(0)} MB feed) | seconds | orders/s | summary |\n|---|---:|---:|---|`,
);
console.log(
  `| into an empty database | ${first.seconds.toFixed(1)} | ${Math.round(ORDERS / first.seconds).toLocaleString("en")} | ${first.summary} |`,
);
console.log(
  `| the same feed again | ${second.seconds.toFixed(1)} | ${Math.round(ORDERS / second.seconds).toLocaleString("en")} | ${second.summary} |`,
);
rmSync(dir, { recursive: true, force: true });
