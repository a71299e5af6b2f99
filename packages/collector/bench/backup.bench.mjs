// pnpm bench:backup — the speed of `tally-collector backup` on a serving collector under load:
// stores a generated shop history (deterministic) through the collector's own POST /batch,
// serves the file with the built CLI, streams purchases at it from 4 senders, and backs it up
// meanwhile. Prints the copy's size, the time, MB/s, and the purchases acknowledged during it.
//
//   node packages/collector/bench/backup.bench.mjs [--events 200000]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startCollector, createAppspace, createSqliteStore, staticRates } from "../dist/index.js";
import { events, NOW, random } from "./shop-traffic.mjs";

const { values: flags } = parseArgs({ options: { events: { type: "string", default: "200000" } } });
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-backup-bench-"));
const file = join(dir, "shop.db");
const rates = { base: "USD", timestamp: 0, rates: { USD: 1, EUR: 0.92, JPY: 155, GBP: 0.79 } };
const mb = (bytes) => bytes / 1024 / 1024;

// 1. A history, stored and projected as a collector stores it.
const store = createSqliteStore({ file });
const shop = await createAppspace(store, { name: "Bench", currency: "USD", now: NOW });
const collector = startCollector({ store, rates: staticRates(rates), clock: () => NOW, log: () => {} });
const { app } = collector;
const headers = { "content-type": "application/json", authorization: `Bearer ${shop.secret_key}` };
let batch = [];
const flight = [];
const send = async (list) => {
  for (;;) {
    const res = await app.request("/v1/api/analytics/ecommerce/batch", {
      method: "POST",
      headers,
      body: JSON.stringify({ events: list }),
    });
    await res.text();
    if (res.status === 503) await new Promise((r) => setTimeout(r, 50));
    else if (res.status !== 200) throw new Error(`batch: ${res.status}`);
    else return;
  }
};
for (const e of events(Number(flags.events), random(7))) {
  batch.push({ ...e, timestamp: new Date(e.timestamp).toISOString() });
  if (batch.length < 100) continue;
  flight.push(send(batch));
  batch = [];
  if (flight.length === 8) await Promise.all(flight.splice(0));
}
if (batch.length) flight.push(send(batch));
await Promise.all(flight);
await app.projector.drain();
await collector.stop();
await store.close();
const size = statSync(file).size + statSync(`${file}-inbox`).size;
console.log(`stored ${Number(flags.events).toLocaleString("en")} events: ${mb(size).toFixed(1)} MB`);

// 2. Served by a real collector, under a stream of purchases, backed up.
const serve = spawn(process.execPath, [CLI, "serve", "--db", file, "--port", "0", "--no-demo"], {
  stdio: ["ignore", "pipe", "ignore"],
});
const url = await new Promise((resolve) => {
  let out = "";
  serve.stdout.on("data", (chunk) => {
    out += chunk;
    const found = out.match(/listening on (http:\/\/\S+)/);
    if (found) resolve(found[1]);
  });
});
let stopping = false;
let acknowledged = 0;
const senders = Array.from({ length: 4 }, async (_, k) => {
  for (let i = 0; !stopping; i++) {
    const res = await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        event_type: "purchase",
        transaction_id: `bench-${k}-${i}`,
        revenue: 1,
        currency: "USD",
        user_id: `bench-${k}`,
      }),
    });
    await res.text();
    if (res.status === 200) acknowledged++;
  }
});
await new Promise((r) => setTimeout(r, 1000));
const before = acknowledged;
const started = process.hrtime.bigint();
// Started apart, so the senders in this process go on while it copies.
const ran = await new Promise((resolve) => {
  const child = spawn(process.execPath, [CLI, "backup", "--db", file, "--to", join(dir, "copy.db")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.once("close", (status) => resolve({ status, stdout, stderr }));
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const during = acknowledged - before;
stopping = true;
await Promise.all(senders);
serve.kill("SIGTERM");
if (ran.status !== 0) throw new Error(`backup failed: ${ran.stderr}`);
const copied = statSync(join(dir, "copy.db")).size + statSync(join(dir, "copy.db-inbox")).size;
console.log(ran.stdout.trim());
console.log(
  `backup: ${mb(copied).toFixed(1)} MB in ${seconds.toFixed(2)} s (the whole command, start-up included) = ${(mb(copied) / seconds).toFixed(0)} MB/s, ` +
    `while the collector acknowledged ${during} purchases (${(during / seconds).toFixed(0)}/s)`,
);
rmSync(dir, { recursive: true, force: true });
