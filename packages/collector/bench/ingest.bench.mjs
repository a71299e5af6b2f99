// pnpm bench:ingest — the collector's ingest over loopback, beside a bare Hono route on the same
// server adapter that only parses the same bodies, measured in the same run by autocannon with
// pre-built bodies. Not a test: it prints figures.
//
//   node packages/collector/bench/ingest.bench.mjs [--seconds 60] [--short 10] [--connections 32]
//        [--db postgres://user:pass@host:5432/dbname [--collectors 2]]
//
// With --db a PostgreSQL URL, it creates a fresh database beside the one named (dropped after),
// starts --collectors collectors on it and spreads the connections over them.
//
// Bodies carry no event_id (the collector mints one), so each is built once and sent as it is;
// purchases repeat their order ids after `BODIES` requests and are dropped as repeats by the
// projector, as a retried order would be.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { peakRssMb, shebangFlags, startProcess } from "./collector-process.mjs";
import postgres from "postgres";
import { createAppspace, createSqliteStore, createPostgresStore } from "../dist/index.js";

const { values: flags } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    short: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    db: { type: "string" },
    collectors: { type: "string", default: "1" },
  },
});
const onPostgres = /^postgres(ql)?:\/\//.test(flags.db ?? "");
const COLLECTORS = onPostgres ? Number(flags.collectors) : 1;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CLI = here("../dist/cli.js");
const BATCH = "/v1/api/analytics/ecommerce/batch";
const TRACK = "/v1/api/analytics/ecommerce/track";
const BODIES = 500;
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

const dir = mkdtempSync(join(tmpdir(), "tally-bench-"));
const benchDatabase = `tally_bench_${process.pid}`;
const admin = onPostgres ? postgres(flags.db, { onnotice: () => {} }) : undefined;
if (admin) await admin.unsafe(`CREATE DATABASE ${benchDatabase}`);
const dbFile = onPostgres ? flags.db.replace(/\/[^/?]*(\?.*)?$/, `/${benchDatabase}`) : join(dir, "bench.db");
const setup = onPostgres ? await createPostgresStore({ url: dbFile }) : createSqliteStore({ file: dbFile });
const shop = await createAppspace(setup, { name: "Bench shop", currency: "EUR" });
await setup.close();

const nodeFlags = [...(process.env.PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE}`] : [])];
const collectors = [];
for (let i = 0; i < COLLECTORS; i++)
  collectors.push(
    await startProcess([
      ...nodeFlags,
      ...shebangFlags(CLI),
      CLI,
      "serve",
      "--db",
      dbFile,
      "--port",
      "0",
      "--no-demo",
      "--limit-key",
      "off",
      "--limit-address",
      "off",
    ]),
  );
const collector = { ...collectors[0], urls: collectors.map((c) => c.url) };
const bare = await startProcess([here("./bare-server.mjs")]);

const batchBodies = Array.from({ length: BODIES }, (_, i) =>
  JSON.stringify({ events: Array.from({ length: 100 }, (_, j) => event(i * 100 + j)) }),
);
const trackBodies = Array.from({ length: BODIES }, (_, i) => JSON.stringify(event(i)));

const where = onPostgres
  ? `PostgreSQL (${COLLECTORS} collector${COLLECTORS > 1 ? "s" : ""} on one database)`
  : "SQLite";
console.log(
  `Ingest over loopback on ${where}: autocannon ${flags.connections} connections, pre-built bodies; Node ${process.version}, ${flags.seconds} s for /batch, ${flags.short} s for the rest\n`,
);
await load(collector.urls, BATCH, batchBodies, 3); // warm-up
const lagBefore = await projection(collector.url);
const batched = await load(collector.urls, BATCH, batchBodies, Number(flags.seconds), true);
const caughtUp = await waitForProjection(collector.url);
const bareBatched = await load([bare.url], BATCH, batchBodies, Number(flags.short));
const single = await load(collector.urls, TRACK, trackBodies, Number(flags.short));
const bareSingle = await load([bare.url], TRACK, trackBodies, Number(flags.short));
await waitForProjection(collector.url);
const rss = Math.max(...collectors.map((c) => peakRssMb(c.child.pid)));

for (const c of collectors) c.child.kill("SIGTERM");
bare.child.kill("SIGTERM");
await Promise.all(collectors.map((c) => new Promise((resolve) => c.child.on("exit", resolve))));
if (admin) {
  await admin.unsafe(`DROP DATABASE ${benchDatabase}`);
  await admin.end();
}

const fmt = (n) => Math.round(n).toLocaleString("en");
const pct = (a, b) => `${((a / b) * 100).toFixed(0)} %`;
const projectedRate = batched.projectedEvents / batched.seconds;
const rows = [
  [
    "/batch, 100 events a request: events/s",
    fmt(batched.eventsPerSecond),
    "≥ 100,000",
    batched.eventsPerSecond >= 100_000,
  ],
  ["  bare Hono route, same bodies: events/s", fmt(bareBatched.eventsPerSecond), "", null],
  [
    "  collector / bare route",
    pct(batched.eventsPerSecond, bareBatched.eventsPerSecond),
    "≥ 50 %",
    batched.eventsPerSecond / bareBatched.eventsPerSecond >= 0.5,
  ],
  ["/batch latency p50 / p99", `${batched.p50} ms / ${batched.p99} ms`, "p99 ≤ 100 ms", batched.p99 <= 100],
  ["/batch answers 503 (back-pressure)", fmt(batched.refused), "", null],
  ["/track, one event a request: requests/s", fmt(single.requestsPerSecond), "", null],
  ["  bare Hono route, same bodies: requests/s", fmt(bareSingle.requestsPerSecond), "", null],
  [
    "  collector / bare route",
    pct(single.requestsPerSecond, bareSingle.requestsPerSecond),
    "≥ 50 %",
    single.requestsPerSecond / bareSingle.requestsPerSecond >= 0.5,
  ],
  ["/track latency p50 / p99", `${single.p50} ms / ${single.p99} ms`, "", null],
  [
    `projected during the ${flags.seconds} s /batch run: events/s`,
    fmt(projectedRate),
    "keeps up with /batch",
    projectedRate >= batched.eventsPerSecond * 0.99,
  ],
  ["backlog when the /batch run ended: events", fmt(caughtUp.backlog), "", null],
  ["time until queries see everything after the run", `${(caughtUp.ms / 1000).toFixed(1)} s`, "", null],
  ["collector peak RSS", `${rss.toFixed(0)} MB`, "≤ 150 MB", rss <= 150],
];
console.log("| measure | collector | budget | |\n|---|---:|---|---|");
for (const [name, value, budget, ok] of rows)
  console.log(`| ${name.trim()} | ${value} | ${budget} | ${ok === null ? "" : ok ? "ok" : "**missed**"} |`);
console.log(
  `\nThe load generator's own CPU: ${generatorShare(batched)} of one core on /batch, ${generatorShare(bareBatched)} on the bare /batch, ${generatorShare(single)} on /track, ${generatorShare(bareSingle)} on the bare /track (a share near 100 % would mean the generator, not the server, set the pace).`,
);
console.log(
  `Projection before the run: ${lagBefore.backlog_events} events waiting${onPostgres ? "" : `; database ${(statSync(dbFile).size / 1e6).toFixed(0)} MB at the end`}.`,
);
rmSync(dir, { recursive: true, force: true });

/** A realistic mix without ids: views, carts, checkouts and a purchase with two lines every 20 events. */
function event(n) {
  const session = `s${Math.floor(n / 20)}`;
  const base = {
    anonymous_id: `a${Math.floor(n / 40)}`,
    session_id: session,
    context: { page_path: "/p", utm_source: n % 3 ? "google" : undefined },
  };
  const item = { item_id: `sku-${n % 300}`, item_name: `Product ${n % 300}`, price: 19.99, quantity: 1 + (n % 3) };
  switch (n % 20) {
    case 19:
      return {
        ...base,
        event_type: "purchase",
        transaction_id: `o${n}`,
        revenue: 59.97,
        currency: "EUR",
        cart_id: `c${session}`,
        items: [item, { ...item, item_id: `sku-${(n + 1) % 300}` }],
      };
    case 3:
    case 9:
      return { ...base, event_type: "add_to_cart", cart_id: `c${session}`, items: [item] };
    case 15:
      return { ...base, event_type: "begin_checkout" };
    default:
      return { ...base, event_type: "view_item", items: [item] };
  }
}

/** Loads every URL at once for `seconds`, the connections shared among them; the results summed. */
async function load(urls, path, bodies, seconds, watchProjection = false) {
  let i = 0;
  const startCpu = process.cpuUsage();
  const startProjection = watchProjection ? await projection(urls[0]) : undefined;
  const started = performance.now();
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url: `${url}${path}`,
        method: "POST",
        connections: Math.max(1, Math.round(Number(flags.connections) / urls.length)),
        duration: seconds,
        // A browser's User-Agent, as a shop's visitors send (the bot rule would drop a bare client's).
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${shop.publishable_key}`,
          "user-agent": BROWSER_UA,
        },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(startCpu);
  const endProjection = watchProjection ? await projection(urls[0]) : undefined;
  const perBody = path === BATCH ? 100 : 1;
  const ok = results.reduce((n, r) => n + r["2xx"], 0);
  return {
    seconds: elapsed,
    requestsPerSecond: ok / elapsed,
    eventsPerSecond: (ok * perBody) / elapsed,
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    refused: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    cpuShare: (cpu.user + cpu.system) / 1e6 / elapsed,
    // What was waiting, plus what was acknowledged, minus what still waits.
    projectedEvents: watchProjection ? startProjection.backlog_events + ok * perBody - endProjection.backlog_events : 0,
  };
}

async function projection(url) {
  const res = await fetch(`${url}/healthz/projection`);
  return res.json();
}

async function waitForProjection(url) {
  const started = performance.now();
  const first = await projection(url);
  let now = first;
  while (now.backlog_events > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    now = await projection(url);
  }
  return { backlog: first.backlog_events, ms: performance.now() - started };
}

function generatorShare(run) {
  return `${(run.cpuShare * 100).toFixed(0)} %`;
}
