// pnpm bench:projection — acknowledged to visible, end to end: a serving collector (its worker
// projector, as in production) is sent `bench:query`'s generated year of shop traffic as fast as
// it acknowledges (POST /batch with the secret key, 100 events a request, --senders in flight,
// a 503 sent again after its Retry-After), while /healthz/projection is watched. Prints the
// acknowledgement rate, the projection rate over the same run, how long after the last
// acknowledgement everything was visible, and the collector's peak RSS. Not a test: it prints figures.
//
//   node packages/collector/bench/projection.bench.mjs [--events 200000] [--senders 4]
//        [--db postgres://user:pass@host:5432/dbname [--collectors 2]]
// On PostgreSQL it works in a database of its own, made and dropped; on a Citus coordinator (the
// `citus` extension in the named database, workers registered) in a schema of its own there, so
// that its tables are distributed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createAppspace, createPostgresStore, createSqliteStore } from "../dist/index.js";
import { events, random } from "./shop-traffic.mjs";
import { peakRssMb, shebangFlags, startProcess } from "./collector-process.mjs";

const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    senders: { type: "string", default: "4" },
    db: { type: "string" },
    collectors: { type: "string", default: "1" },
  },
});
const EVENTS = Number(flags.events);
const SENDERS = Number(flags.senders);
const onPostgres = /^postgres(ql)?:\/\//.test(flags.db ?? "");
const COLLECTORS = onPostgres ? Number(flags.collectors) : 1;
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const BATCH = "/v1/api/analytics/ecommerce/batch";

const dir = mkdtempSync(join(tmpdir(), "tally-projection-bench-"));
const benchDatabase = `tally_pbench_${process.pid}`;
const admin = onPostgres ? postgres(flags.db, { onnotice: () => {} }) : undefined;
const onCitus = admin ? (await admin`SELECT 1 FROM pg_extension WHERE extname = 'citus'`).length > 0 : false;
if (admin) await admin.unsafe(onCitus ? `CREATE SCHEMA ${benchDatabase}` : `CREATE DATABASE ${benchDatabase}`);
const db = !onPostgres
  ? join(dir, "bench.db")
  : onCitus
    ? `${flags.db}${flags.db.includes("?") ? "&" : "?"}search_path=${benchDatabase}`
    : flags.db.replace(/\/[^/?]*(\?.*)?$/, `/${benchDatabase}`);
const setup = onPostgres ? await createPostgresStore({ url: db }) : createSqliteStore({ file: db });
// Each collector its own appspace: on PostgreSQL, two busy appspaces on two collectors.
const shops = [];
for (let i = 0; i < COLLECTORS; i++)
  shops.push(await createAppspace(setup, { name: `Bench ${i + 1}`, currency: "USD" }));
// A quiet shop beside the busy ones: how soon its own purchases are visible during the burst.
const quiet = await createAppspace(setup, { name: "Quiet", currency: "USD" });
await setup.close();

const collectors = [];
for (let i = 0; i < COLLECTORS; i++)
  collectors.push(await startProcess([...shebangFlags(CLI), CLI, "serve", "--db", db, "--port", "0", "--no-demo"]));

const positions = async () => await (await fetch(`${collectors[0].url}/healthz/projection`)).json();

// The year, generated once, split into each collector's share.
const year = [...events(EVENTS, random(42))].map((e) => ({ ...e, timestamp: new Date(e.timestamp).toISOString() }));
const bodies = [];
for (let i = 0; i < year.length; i += 100) bodies.push(JSON.stringify({ events: year.slice(i, i + 100) }));

let acknowledged = 0;
let refused = 0;
let firstAck;
let lastAck;
async function sender(collector, key, queue) {
  for (;;) {
    const body = queue.pop();
    if (body === undefined) return;
    for (;;) {
      const res = await fetch(`${collector.url}${BATCH}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body,
      });
      if (res.status === 503) {
        refused++;
        await res.text();
        await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "1") * 1000));
        continue;
      }
      if (res.status !== 200) throw new Error(`batch: ${res.status} ${await res.text()}`);
      acknowledged += (await res.json()).accepted;
      const now = performance.now();
      firstAck ??= now;
      lastAck = now;
      break;
    }
  }
}

// Isolation: while the busy shops send, the quiet shop sends a purchase every 250 ms and asks
// its overview until the purchase is counted (read-after-acknowledge waits for its appspace only).
const probeDelays = [];
let probeRefused = 0;
let probing = true;
async function probe() {
  const url = collectors[0].url;
  const auth = { authorization: `Bearer ${quiet.secret_key}` };
  for (let n = 1; probing; n++) {
    const sent = performance.now();
    const res = await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ event_type: "purchase", transaction_id: `quiet-${n}`, revenue: 1, currency: "USD" }),
    });
    await res.text();
    if (res.status !== 200) probeRefused++;
    else {
      for (;;) {
        const answer = await fetch(`${url}/v1/api/analytics/ecommerce/overview?days=1`, { headers: auth });
        const { total_orders } = await answer.json();
        if (total_orders >= n - probeRefused) break;
      }
      probeDelays.push(performance.now() - sent);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
const probed = probe();

const before = await positions();
const started = performance.now();
const senders = [];
collectors.forEach((c, i) => {
  const queue = bodies.filter((_, j) => j % COLLECTORS === i).reverse();
  for (let s = 0; s < SENDERS; s++) senders.push(sender(c, shops[i].secret_key, queue));
});
await Promise.all(senders);
probing = false;
await probed;
const atLastAck = await positions();
let visibleAt = performance.now();
for (;;) {
  const p = await positions();
  if (p.backlog_events === 0) {
    visibleAt = performance.now();
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
const peakRss = Math.max(...collectors.map((c) => peakRssMb(c.child.pid)));
for (const c of collectors) c.child.kill("SIGTERM");
await Promise.all(collectors.map((c) => new Promise((r) => c.child.once("exit", r))));
if (admin) {
  await admin.unsafe(onCitus ? `DROP SCHEMA ${benchDatabase} CASCADE` : `DROP DATABASE ${benchDatabase}`);
  await admin.end();
}
rmSync(dir, { recursive: true, force: true });

const ackSeconds = (lastAck - firstAck) / 1000;
const endToEnd = (visibleAt - firstAck) / 1000;
const ackRate = acknowledged / ackSeconds;
const projectRate = acknowledged / endToEnd;
const fmt = (n) => Math.round(n).toLocaleString("en");
const where = onPostgres
  ? `${onCitus ? "Citus" : "PostgreSQL"}, ${COLLECTORS} collector${COLLECTORS > 1 ? "s each feeding its own appspace" : ""}`
  : "SQLite";
const target = onPostgres ? 20_000 : 50_000;
console.log(
  `End to end on ${where}: ${fmt(acknowledged)} events of bench:query's year, ${SENDERS} senders a collector; Node ${process.version}; backlog before: ${before.backlog_events}\n`,
);
console.log("| measure | figure | budget | |\n|---|---:|---|---|");
console.log(`| acknowledged, events/s | ${fmt(ackRate)} | | |`);
console.log(
  `| visible, events/s (first acknowledgement to all visible) | ${fmt(projectRate)} | ≥ ${fmt(target)} | ${projectRate >= target ? "met" : "**missed**"} |`,
);
console.log(
  `| projection / acknowledgement | ${Math.round((projectRate / ackRate) * 100)} % | ≥ 70 % | ${projectRate / ackRate >= 0.7 ? "met" : "**missed**"} |`,
);
console.log(`| backlog at the last acknowledgement, events | ${fmt(atLastAck.backlog_events)} | | |`);
console.log(
  `| all visible after the last acknowledgement | ${((visibleAt - lastAck) / 1000).toFixed(1)} s | ≤ 5 s | ${(visibleAt - lastAck) / 1000 <= 5 ? "met" : "**missed**"} |`,
);
console.log(`| requests answered 503 (sent again after Retry-After) | ${fmt(refused)} | | |`);
console.log(
  `| collector peak RSS (worker included) | ${fmt(peakRss)} MB | ≤ 150 MB | ${peakRss <= 150 ? "met" : "**missed**"} |`,
);
const sorted = probeDelays.sort((a, b) => a - b);
const pct = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
console.log(
  `| another appspace's purchase visible to its queries, p50 / p99 (${sorted.length} purchases during the burst) | ${fmt(pct(0.5))} / ${fmt(pct(0.99))} ms | p99 ≤ 1,000 ms | ${pct(0.99) <= 1000 ? "met" : "**missed**"} |`,
);
console.log(
  `| its purchases refused during the burst | ${probeRefused} | 0 | ${probeRefused === 0 ? "met" : "**missed**"} |`,
);
console.log(`\nWall time ${((visibleAt - started) / 1000).toFixed(1)} s.`);
