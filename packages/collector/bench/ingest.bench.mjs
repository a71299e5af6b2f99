// pnpm bench:ingest — the collector's ingest throughput over loopback, beside a bare Hono route
// that only parses the same bodies, measured in the same run. Not a test: it prints figures.
//
//   node packages/collector/bench/ingest.bench.mjs [--seconds 10] [--connections 32]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createAppspace, openDatabase } from "../dist/index.js";

const { values: flags } = parseArgs({ options: { seconds: { type: "string", default: "10" }, connections: { type: "string", default: "32" } } });
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const BARE = fileURLToPath(new URL("./bare-server.mjs", import.meta.url));

const dir = mkdtempSync(join(tmpdir(), "tally-bench-"));
const dbFile = join(dir, "bench.db");
const db = openDatabase(dbFile);
const shop = createAppspace(db, { name: "Bench shop", currency: "EUR" });
db.close();

/** One event of a realistic mix; `n` makes ids unique so every event is really written. */
function event(n) {
  const r = n % 100;
  const anon = `anon-${n % 5000}`;
  const session = `sess-${Math.floor(n / 20)}`;
  const item = { item_id: `sku_${n % 400}`, item_name: `Product ${n % 400}`, price: 19.99 + (n % 7), quantity: 1 + (n % 3) };
  const context = { page_path: `/p/${n % 400}`, utm_source: n % 4 ? "google" : "newsletter", utm_medium: "cpc", utm_campaign: `c${n % 9}` };
  const base = { anonymous_id: anon, session_id: session, context };
  if (r < 3) return { ...base, event_type: "purchase", transaction_id: `order-${n}`, revenue: 64.97, currency: n % 2 ? "EUR" : "USD", items: [item, { ...item, item_id: `sku_${(n + 1) % 400}` }] };
  if (r < 50) return { ...base, event_type: "view_item", items: [item] };
  if (r < 70) return { ...base, event_type: "add_to_cart", cart_id: `cart-${Math.floor(n / 20)}`, items: [item] };
  if (r < 80) return { ...base, event_type: "view_cart" };
  if (r < 88) return { ...base, event_type: "begin_checkout" };
  if (r < 95) return { ...base, event_type: "search", properties: { search_term: "shoes" } };
  return { ...base, event_type: "remove_from_cart", items: [item] };
}

let counter = 0;
const batchBody = () => JSON.stringify({ events: Array.from({ length: 100 }, () => event(counter++)) });
const singleBody = () => JSON.stringify(event(counter++));

function start(args) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ child, url });
    });
  });
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+) kB/)[1]) / 1024;
}

async function drive(url, path, makeBody) {
  const result = await autocannon({
    url: `${url}${path}`,
    method: "POST",
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${shop.publishable_key}`, "content-type": "text/plain;charset=UTF-8" },
    requests: [{ setupRequest: (req) => ({ ...req, body: makeBody() }) }],
  });
  const ok = result["2xx"];
  if (result.non2xx || result.errors) throw new Error(`${path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

const collector = await start([...(process.env.PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/cprof"] : []), CLI, "serve", "--db", dbFile, "--port", "0", "--no-demo"]);
const bare = await start([BARE]);
const BATCH = "/v1/api/analytics/ecommerce/batch";
const TRACK = "/v1/api/analytics/ecommerce/track";

console.log(`Ingest over loopback, ${CONNECTIONS} connections, ${SECONDS} s each, ${process.platform} ${process.arch}, Node ${process.version}\n`);
await drive(collector.url, BATCH, batchBody).catch(() => {}); // warm-up is the first second of the real run below
const batched = await drive(collector.url, BATCH, batchBody);
const bareBatched = await drive(bare.url, BATCH, batchBody);
const single = await drive(collector.url, TRACK, singleBody);
const bareSingle = await drive(bare.url, TRACK, singleBody);
const rss = peakRssMb(collector.child.pid);

const verify = openDatabase(dbFile);
const stored = verify.prepare("SELECT count(*) AS n FROM events").get().n;
verify.close();
collector.child.kill("SIGTERM");
bare.child.kill("SIGTERM");

const row = (name, value, budget, ok) => console.log(`${name.padEnd(34)} ${value.padStart(16)}   ${budget.padEnd(22)} ${ok ? "ok" : "MISSED"}`);
console.log(`${"".padEnd(34)} ${"measured".padStart(16)}   ${"budget".padEnd(22)}`);
row("/batch (100 events) events/s", Math.round(batched.rps * 100).toLocaleString("en"), "≥ 100,000", batched.rps * 100 >= 100_000);
row("  bare Hono route events/s", Math.round(bareBatched.rps * 100).toLocaleString("en"), "", true);
row("  ratio to bare route", `${((batched.rps / bareBatched.rps) * 100).toFixed(0)} %`, "≥ 50 %", batched.rps / bareBatched.rps >= 0.5);
row("/track requests/s", Math.round(single.rps).toLocaleString("en"), "≥ 10,000", single.rps >= 10_000);
row("  bare Hono route requests/s", Math.round(bareSingle.rps).toLocaleString("en"), "", true);
row("  ratio to bare route", `${((single.rps / bareSingle.rps) * 100).toFixed(0)} %`, "≥ 50 %", single.rps / bareSingle.rps >= 0.5);
row("latency p50 / p99 /batch", `${batched.p50} / ${batched.p99} ms`, "", true);
row("latency p50 / p99 /track", `${single.p50} / ${single.p99} ms`, "", true);
row("collector peak RSS", `${rss.toFixed(0)} MB`, "≤ 150 MB", rss <= 150);
console.log(`\n${stored.toLocaleString("en")} events stored, database ${(statSync(dbFile).size / 1e6).toFixed(0)} MB (+ WAL)`);
rmSync(dir, { recursive: true, force: true });
