// pnpm bench:soak — mixed ingest and queries against a real collector for --minutes (default 10)
// at --rate events a second (default 40,000, about half what /batch takes on this machine), and
// a line a minute: RSS, event-loop delay (the collector's own Prometheus metric), projection
// backlog, requests and errors. RSS must stay flat. Not a test: it prints figures.
//
//   node packages/collector/bench/soak.bench.mjs [--minutes 10] [--rate 40000]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createAppspace, createSqliteStore } from "../dist/index.js";

const { values: flags } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, rate: { type: "string", default: "40000" } },
});
const MINUTES = Number(flags.minutes);
const RATE = Number(flags.rate);
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-soak-"));
const dbFile = join(dir, "soak.db");
const setup = createSqliteStore({ file: dbFile });
const shop = await createAppspace(setup, { name: "Soak shop", currency: "EUR" });
await setup.close();

const flagsOfCli = readFileSync(CLI, "utf8")
  .split("\n", 1)[0]
  .replace(/^#!\/usr\/bin\/env -S node\s*/, "")
  .split(/\s+/)
  .filter(Boolean);
const child = spawn(
  process.execPath,
  [
    ...flagsOfCli,
    CLI,
    "serve",
    "--db",
    dbFile,
    "--port",
    "0",
    "--no-demo",
    "--metrics-port",
    "0",
    "--limit-key",
    "off",
    "--limit-address",
    "off",
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const { url, metricsUrl } = await new Promise((resolve) => {
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const found = out.match(/listening on (http:\/\/\S+)/)?.[1];
    const metrics = out.match(/Prometheus metrics at (http:\/\/\S+)/)?.[1];
    if (found && metrics) resolve({ url: found, metricsUrl: metrics });
  });
});

const event = (n) => {
  const session = `s${Math.floor(n / 20)}`;
  const item = { item_id: `sku-${n % 300}`, item_name: `Product ${n % 300}`, price: 19.99, quantity: 1 };
  if (n % 20 === 19)
    return {
      event_type: "purchase",
      transaction_id: `o${n}`,
      revenue: 19.99,
      currency: "EUR",
      anonymous_id: `a${n >> 6}`,
      session_id: session,
      items: [item],
    };
  return {
    event_type: n % 5 === 0 ? "add_to_cart" : "view_item",
    anonymous_id: `a${n >> 6}`,
    session_id: session,
    cart_id: `c${session}`,
    items: [item],
  };
};
const bodies = Array.from({ length: 500 }, (_, i) =>
  JSON.stringify({ events: Array.from({ length: 100 }, (_, j) => event(i * 100 + j)) }),
);
let i = 0;
const ingest = autocannon({
  url: `${url}/v1/api/analytics/ecommerce/batch`,
  method: "POST",
  connections: 8,
  duration: MINUTES * 60,
  overallRate: RATE / 100,
  headers: { "content-type": "application/json", authorization: `Bearer ${shop.publishable_key}` },
  requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
});
const ENDPOINTS = [
  "overview",
  "revenue-timeseries",
  "top-products",
  "funnel",
  "revenue-by-channel",
  "cart-abandonment",
];
const queries = { done: 0, failed: 0, slowest: 0 };
const started = Date.now();
const asking = (async () => {
  for (let q = 0; Date.now() - started < MINUTES * 60_000; q++) {
    const t = performance.now();
    try {
      const res = await fetch(`${url}/v1/api/analytics/ecommerce/${ENDPOINTS[q % ENDPOINTS.length]}?days=7`, {
        headers: { authorization: `Bearer ${shop.secret_key}` },
      });
      await res.text();
      if (res.ok) queries.done++;
      else queries.failed++;
    } catch {
      queries.failed++;
    }
    queries.slowest = Math.max(queries.slowest, performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
})();

const counts = { ok: 0, refused: 0, errors: 0 };
ingest.on("response", (_client, status) => {
  if (status === 200) counts.ok++;
  else counts.refused++;
});
ingest.on("reqError", () => counts.errors++);

console.log(
  `Soak: ${MINUTES} min, ${RATE.toLocaleString("en")} events/s offered in /batch of 100 over 8 connections, a query a second; Node ${process.version}\n`,
);
console.log(
  "| minute | RSS MB | event-loop delay p99 ms | backlog events | /batch ok | /batch 503 | errors | queries ok / failed | slowest query ms |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
);
const rssOf = () => Number(readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
const loopDelayP99 = async () => {
  const text = await (await fetch(`${metricsUrl}`)).text();
  return Number(text.match(/^nodejs_eventloop_lag_p99_seconds (\S+)/m)?.[1] ?? NaN) * 1000;
};
let peak = 0;
for (let minute = 1; minute <= MINUTES; minute++) {
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  const rss = rssOf();
  peak = Math.max(peak, rss);
  const { backlog_events } = await (await fetch(`${url}/healthz/projection`)).json();
  console.log(
    `| ${minute} | ${rss.toFixed(0)} | ${(await loopDelayP99()).toFixed(1)} | ${backlog_events.toLocaleString("en")} | ${counts.ok.toLocaleString("en")} | ${counts.refused} | ${counts.errors} | ${queries.done} / ${queries.failed} | ${queries.slowest.toFixed(0)} |`,
  );
}
await ingest;
await asking;
console.log(`\nPeak RSS ${peak.toFixed(0)} MB (budget ≤ 150 MB).`);
child.kill("SIGTERM");
await new Promise((resolve) => child.on("exit", resolve));
rmSync(dir, { recursive: true, force: true });
