// pnpm bench:query — generates a year of shop traffic (deterministic), in time order and in a
// shuffled arrival order (late events), sends it through the collector's own HTTP path (POST
// /batch with the secret key, projected by its projector), then times every query endpoint over
// HTTP (in-process) for days=7, 30, 365 and a start/end range that cuts months in half.
//
//   node packages/collector/bench/query.bench.mjs [--sizes 1000000,10000000] [--runs 15] [--orders time,shuffled]
//        [--db postgres://user:pass@host:5432/dbname]
//
// With --db a PostgreSQL URL, each run stores into a fresh database beside the one named (dropped after).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startCollector, createAppspace, createPostgresStore, createSqliteStore, staticRates } from "../dist/index.js";
import { events, NOW, random } from "./shop-traffic.mjs";

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000000,10000000" },
    runs: { type: "string", default: "15" },
    orders: { type: "string", default: "time,shuffled" },
    db: { type: "string" },
  },
});
const onPostgres = /^postgres(ql)?:\/\//.test(flags.db ?? "");
const admin = onPostgres ? postgres(flags.db, { onnotice: () => {} }) : undefined;
const READ_TABLES = [
  "fact_days",
  "breakdown_days",
  "product_days",
  "channel_days",
  "cart_totals",
  "visitor_days",
  "funnel_starts",
  "credit_days",
  "cohort_cells",
  "spanning_sessions",
  "spanning_carts",
  "live_purchases",
  "rollups",
];
const SIZES = flags.sizes.split(",").map(Number);
const RUNS = Number(flags.runs);
const ORDERS = flags.orders.split(",");
const rates = { base: "USD", timestamp: 0, rates: { USD: 1, EUR: 0.92, JPY: 155, GBP: 0.79 } };
const BATCH = "/v1/api/analytics/ecommerce/batch";

/** Events in a shuffled arrival order: each leaves a window of `size` in random order, so some arrive days late. */
function* shuffled(source, rand, size = 20_000) {
  const window = [];
  for (const e of source) {
    if (window.length < size) {
      window.push(e);
      continue;
    }
    const i = Math.floor(rand() * size);
    yield window[i];
    window[i] = e;
  }
  while (window.length) yield window.splice(Math.floor(rand() * window.length), 1)[0];
}

const ENDPOINTS = [
  "overview",
  "revenue-timeseries",
  "funnel",
  "top-products",
  "revenue-by-channel",
  "revenue-by-coupon",
  "revenue-by-device",
  "revenue-by-platform",
  "revenue-by-country",
  "cart-abandonment",
  "attribution",
  "attribution?model=time_decay",
  "cohorts",
  "user-journey?user_id=u3",
];
const RANGES = ["days=7", "days=30", "days=365", "start=2026-03-15&end=2026-08-14"];

/** Sends every event through POST /batch, 100 per request and 8 requests in flight, waiting for the projector when it asks (503). */
async function ingest(app, key, source) {
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  let accepted = 0;
  const send = async (events) => {
    for (;;) {
      const res = await app.request(BATCH, { method: "POST", headers, body: JSON.stringify({ events }) });
      if (res.status === 503) {
        await res.text();
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (res.status !== 200) throw new Error(`batch: ${res.status} ${await res.text()}`);
      const body = await res.json();
      if (body.errors && accepted === 0) console.error("rejected:", body.errors.slice(0, 3));
      accepted += body.accepted;
      return;
    }
  };
  let batch = [];
  const flight = [];
  for (const e of source) {
    batch.push({ ...e, timestamp: new Date(e.timestamp).toISOString() });
    if (batch.length < 100) continue;
    flight.push(send(batch));
    batch = [];
    if (flight.length === 8) await Promise.all(flight.splice(0));
  }
  if (batch.length) flight.push(send(batch));
  await Promise.all(flight);
  await app.projector.drain();
  return accepted;
}

const results = [];
for (const size of SIZES) {
  for (const order of ORDERS) {
    const dir = mkdtempSync(join(tmpdir(), "tally-qbench-"));
    const file = join(dir, "bench.db");
    const database = `tally_qbench_${process.pid}_${size}_${order}`;
    if (admin) await admin.unsafe(`CREATE DATABASE ${database}`);
    const url = onPostgres ? flags.db.replace(/\/[^/?]*(\?.*)?$/, `/${database}`) : undefined;
    const store = onPostgres ? await createPostgresStore({ url }) : createSqliteStore({ file });
    const shop = await createAppspace(store, { name: "Bench", currency: "USD", now: NOW });
    const collector = startCollector({ store, rates: staticRates(rates), clock: () => NOW, log: () => {} });
    const { app } = collector;
    const started = performance.now();
    const generated = events(size, random(42));
    const accepted = await ingest(
      app,
      shop.secret_key,
      order === "shuffled" ? shuffled(generated, random(7)) : generated,
    );
    const ingestSeconds = (performance.now() - started) / 1000;
    let mb;
    let readTables;
    if (onPostgres) {
      await store.sql`VACUUM ANALYZE`;
      mb = (await store.sql`SELECT pg_database_size(current_database()) AS b`)[0].b / 1e6;
      readTables = (
        await store.sql`SELECT coalesce(sum(pg_total_relation_size(t::regclass)), 0) AS b FROM unnest(${READ_TABLES}::text[]) t`
      )[0].b;
    } else {
      store.db.pragma("wal_checkpoint(TRUNCATE)");
      store.db.exec("ANALYZE");
      mb = statSync(file).size / 1e6;
      readTables = store.db
        .prepare(
          `SELECT coalesce(sum(pgsize), 0) AS bytes FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN (${READ_TABLES.map((t) => `'${t}'`).join(",")}))`,
        )
        .get().bytes;
    }
    const row = { size, order, accepted, ingestSeconds, mb, readMb: readTables / 1e6, endpoints: {} };
    for (const endpoint of ENDPOINTS) {
      for (const range of RANGES) {
        const path = `/v1/api/analytics/ecommerce/${endpoint}${endpoint.includes("?") ? "&" : "?"}${range}`;
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          const res = await app.request(path, { headers: { authorization: `Bearer ${shop.secret_key}` } });
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
          await res.text();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        row.endpoints[`${endpoint} ${range}`] = {
          p50: times[Math.floor(times.length / 2)],
          p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
        };
      }
    }
    results.push(row);
    await collector.stop();
    await store.close();
    if (admin) await admin.unsafe(`DROP DATABASE ${database}`);
    rmSync(dir, { recursive: true, force: true });
    console.error(
      `${size.toLocaleString("en")} events (${order} order, ${accepted.toLocaleString("en")} accepted): stored in ${ingestSeconds.toFixed(0)} s, ${row.mb.toFixed(0)} MB (read tables ${row.readMb.toFixed(0)} MB)`,
    );
    for (const [key, e] of Object.entries(row.endpoints))
      console.error(`  ${key}: p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms`);
  }
}

const budget = (r) => (r.size >= 10_000_000 ? 300 : 50);
const header = results.map((r) => `${(r.size / 1e6).toLocaleString("en")} M ${r.order} p50 / p95 (ms)`);
console.log(`| endpoint | ${header.join(" | ")} |\n|---|${results.map(() => "---:|").join("")}`);
for (const key of Object.keys(results[0].endpoints)) {
  console.log(
    `| ${key} | ${results
      .map((r) => {
        const e = r.endpoints[key];
        return `${e.p50.toFixed(1)} / ${e.p95.toFixed(1)}${e.p50 > budget(r) ? " **over**" : ""}`;
      })
      .join(" | ")} |`,
  );
}
console.log(
  `| database size | ${results.map((r) => `${r.mb.toFixed(0)} MB (read tables ${r.readMb.toFixed(0)} MB)`).join(" | ")} |`,
);
console.log(
  `| time to ingest and project | ${results.map((r) => `${r.ingestSeconds.toFixed(0)} s (${Math.round(r.accepted / r.ingestSeconds).toLocaleString("en")} events/s)`).join(" | ")} |`,
);
await admin?.end();
