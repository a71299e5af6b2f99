// pnpm bench:projection-profile — the projector alone, per event: bench:query's year is
// acknowledged into the inbox first (through the real /batch route, nothing projected), then one
// projector, in this thread, folds all of it while the clock runs. Prints µs of projection per
// event beside the acknowledgement's µs per event of the same run. Run it with
// `node --cpu-prof --cpu-prof-dir=prof …` to see where the time goes. Not a test: it prints figures.
//
//   node packages/collector/bench/projection-profile.mjs [--events 100000] [--db postgres://…]
//        [--slice-events 2000] [--step-ms 200]   (the projector's defaults)
//        [--rebuild]   then also times rebuilding the whole read model from the stored events (an upgrade that asks for it)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import {
  createApp,
  createAppspace,
  createPostgresStore,
  createProjector,
  createSqliteStore,
  DEFAULT_RATES_FILE,
  readRatesFile,
  staticRates,
} from "../dist/index.js";
import { rebuildReadModel } from "../dist/projection/rebuild.js";
import { events, random } from "./shop-traffic.mjs";

const { values: flags } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    db: { type: "string" },
    "slice-events": { type: "string" },
    "step-ms": { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
});
const EVENTS = Number(flags.events);
const onPostgres = /^postgres(ql)?:\/\//.test(flags.db ?? "");
const dir = mkdtempSync(join(tmpdir(), "tally-projection-profile-"));
const benchDatabase = `tally_pprof_${process.pid}`;
const admin = onPostgres ? postgres(flags.db, { onnotice: () => {} }) : undefined;
if (admin) await admin.unsafe(`CREATE DATABASE ${benchDatabase}`);
const store = onPostgres
  ? await createPostgresStore({ url: flags.db.replace(/\/[^/?]*(\?.*)?$/, `/${benchDatabase}`) })
  : createSqliteStore({ file: join(dir, "bench.db") });
const shop = await createAppspace(store, { name: "Bench", currency: "USD" });

// Acknowledged, not projected: a projector that is never started.
const idle = {
  kick() {},
  waitFor: async () => true,
  backlogEvents: () => 0,
  drain: async () => {},
  stop: async () => {},
  erase: async () => {},
};
const app = createApp({ store, projector: idle, rates: staticRates(readRatesFile(DEFAULT_RATES_FILE)) });
const year = [...events(EVENTS, random(42))].map((e) => ({ ...e, timestamp: new Date(e.timestamp).toISOString() }));
const ackStarted = performance.now();
for (let i = 0; i < year.length; i += 100) {
  const res = await app.fetch(
    new Request("http://bench/v1/api/analytics/ecommerce/batch", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${shop.secret_key}` },
      body: JSON.stringify({ events: year.slice(i, i + 100) }),
    }),
  );
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}
const ackMs = performance.now() - ackStarted;

let steps = 0;
let setAside = 0;
const projector = createProjector({
  store,
  onStep: () => steps++,
  onSetAside: () => setAside++,
  log: () => {},
  sliceEvents: flags["slice-events"] ? Number(flags["slice-events"]) : undefined,
  stepMs: flags["step-ms"] ? Number(flags["step-ms"]) : undefined,
});
const started = performance.now();
await projector.drain();
const projectMs = performance.now() - started;
await projector.stop();
let rebuildMs;
if (flags.rebuild) {
  const begun = performance.now();
  await store.withLedger(undefined, rebuildReadModel());
  rebuildMs = performance.now() - begun;
}
const { projected, appended } = await store.positions();
await store.close();
if (admin) {
  await admin.unsafe(`DROP DATABASE ${benchDatabase}`);
  await admin.end();
}
rmSync(dir, { recursive: true, force: true });
if (projected !== appended || setAside)
  throw new Error(`projected ${projected} of ${appended}, ${setAside} entries moved aside`);

const per = (ms) => ((ms * 1000) / EVENTS).toFixed(1);
console.log(
  `Projection alone on ${onPostgres ? "PostgreSQL" : "SQLite"}: ${EVENTS.toLocaleString("en")} events of bench:query's year, one thread, Node ${process.version}\n`,
);
console.log("| measure | µs an event | events/s | budget |\n|---|---:|---:|---|");
console.log(
  `| acknowledged (in process, /batch of 100) | ${per(ackMs)} | ${Math.round(EVENTS / (ackMs / 1000)).toLocaleString("en")} | |`,
);
console.log(
  `| projected (${steps} steps) | ${per(projectMs)} | ${Math.round(EVENTS / (projectMs / 1000)).toLocaleString("en")} | ≤ 20 µs: ${(projectMs * 1000) / EVENTS <= 20 ? "met" : "**missed**"} |`,
);
if (rebuildMs !== undefined)
  console.log(
    `| the whole read model rebuilt from the stored events | ${per(rebuildMs)} | ${Math.round(EVENTS / (rebuildMs / 1000)).toLocaleString("en")} | |`,
  );
