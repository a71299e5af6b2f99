// pnpm bench:query — generates 1 M and 10 M events (deterministic) into a temp SQLite file through
// the collector's own storage path, then times every query endpoint over HTTP (in-process).
//
//   node packages/collector/bench/query.bench.mjs [--sizes 1000000,10000000] [--runs 15]
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp, createAppspace, createSqliteStore, staticRates } from "../dist/index.js";
import { prepareEvent } from "../dist/ingest/prepare-event.js";
import { uuidv7 } from "../dist/ingest/event-id.js";

const { values: flags } = parseArgs({ options: { sizes: { type: "string", default: "1000000,10000000" }, runs: { type: "string", default: "15" } } });
const SIZES = flags.sizes.split(",").map(Number);
const RUNS = Number(flags.runs);
const DAY = 86_400_000;
const NOW = Date.parse("2026-11-24T12:00:00Z");
const rates = { base: "USD", timestamp: 0, rates: { USD: 1, EUR: 0.92, JPY: 155, GBP: 0.79 } };

function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sessions of 1–20 events over the past year, oldest first: mostly views and carts, ~3% purchases, some refunds. */
function* events(count, rand) {
  const campaigns = [null, { utm_source: "google", utm_medium: "cpc", utm_campaign: "brand" }, { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring" }, { utm_source: "instagram", utm_medium: "social" }];
  const visitors = Math.max(1000, Math.floor(count / 25));
  let made = 0;
  let order = 0;
  while (made < count) {
    const v = Math.floor(rand() * visitors);
    const session = `s${made}`;
    // Sessions come in time order over the year, as live traffic arrives.
    const start = NOW - (364 - Math.floor((made / count) * 364)) * DAY - Math.floor(rand() * DAY);
    const utm = campaigns[Math.floor(rand() * campaigns.length)];
    const currency = ["USD", "EUR", "JPY", "GBP"][v % 4];
    const user = v % 3 === 0 ? `u${v}` : undefined;
    const n = 1 + Math.floor(rand() * 20);
    for (let i = 0; i < n && made < count; i++, made++) {
      const r = rand();
      const sku = Math.floor(rand() * 2000);
      const item = { item_id: `sku-${sku}`, item_name: `Product ${sku}`, price: currency === "JPY" ? 1500 : 19.99, quantity: 1 + (sku % 3) };
      const base = { anonymous_id: `a${v}`, session_id: session, ...(user && i > 2 && { user_id: user }), timestamp: start + i * 60_000, context: { ...(utm ?? {}), device_type: ["mobile", "desktop", "tablet"][v % 3], country: ["US", "DE", "GB", "JP"][v % 4] } };
      if (r < 0.45) yield { ...base, event_type: "view_item", items: [item] };
      else if (r < 0.65) yield { ...base, event_type: "add_to_cart", cart_id: `c${v}-${session}`, items: [item] };
      else if (r < 0.7) yield { ...base, event_type: "remove_from_cart", cart_id: `c${v}-${session}`, items: [item] };
      else if (r < 0.8) yield { ...base, event_type: "view_cart" };
      else if (r < 0.88) yield { ...base, event_type: "begin_checkout" };
      else if (r < 0.93) yield { ...base, event_type: "add_payment_info" };
      else if (r < 0.965) yield { ...base, event_type: "purchase", transaction_id: `o${++order}`, revenue: currency === "JPY" ? 4500 : 59.97, currency, cart_id: `c${v}-${session}`, ...(sku % 5 === 0 && { coupon_code: "SAVE10", discount: 5 }), items: [item, { ...item, item_id: `sku-${(sku + 1) % 2000}` }] };
      else if (r < 0.97 && order > 0) yield { ...base, event_type: "refund", transaction_id: `o${order}`, revenue: 10, currency };
      else yield { ...base, event_type: "search", properties: { search_term: "shoes" } };
    }
  }
}

const ENDPOINTS = ["overview", "revenue-timeseries", "funnel", "top-products", "revenue-by-channel", "revenue-by-coupon", "revenue-by-device", "revenue-by-platform", "revenue-by-country", "cart-abandonment", "attribution", "attribution?model=time_decay", "cohorts", "user-journey?user_id=u3"];

const results = [];
for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), "tally-qbench-"));
  const file = join(dir, "bench.db");
  const store = createSqliteStore({ file });
  const shop = await createAppspace(store, { name: "Bench", currency: "USD", now: NOW });
  const appspace = await store.findAppspaceById(shop.id);
  // Through the inbox and the projector, as ingest does.
  const storeEvents = async (events) => {
    await store.append([{ events }]);
    while ((await store.project(5000)).entries > 0);
  };
  const facts = { appspace, keyKind: "secret", now: NOW, rates, newId: () => uuidv7() };
  const started = performance.now();
  let batch = [];
  for (const e of events(size, random(42))) {
    const prepared = prepareEvent({ ...e, timestamp: new Date(e.timestamp).toISOString() }, facts);
    if (prepared.ok) batch.push(prepared.event);
    if (batch.length === 5000) await storeEvents(batch.splice(0));
  }
  await storeEvents(batch);
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  store.db.exec("ANALYZE");
  const ingestSeconds = (performance.now() - started) / 1000;
  const app = createApp({ store, rates: staticRates(rates), clock: () => NOW, log: () => {} });
  const row = { size, ingestSeconds, mb: statSync(file).size / 1e6, endpoints: {} };
  for (const endpoint of ENDPOINTS) {
    for (const days of [30, 365]) {
      const path = `/v1/api/analytics/ecommerce/${endpoint}${endpoint.includes("?") ? "&" : "?"}days=${days}`;
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await app.request(path, { headers: { authorization: `Bearer ${shop.secret_key}` } });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.text();
        times.push(performance.now() - t);
        if (times.length >= 3 && times[times.length - 1] > 500) break; // slow: three runs tell enough
      }
      times.sort((a, b) => a - b);
      row.endpoints[`${endpoint} days=${days}`] = { p50: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] };
    }
  }
  results.push(row);
  await app.projector.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  console.error(`${size.toLocaleString("en")} events: stored in ${ingestSeconds.toFixed(0)} s, ${row.mb.toFixed(0)} MB`);
  for (const [key, e] of Object.entries(row.endpoints)) console.error(`  ${key}: p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms`);
}

const header = results.map((r) => `${(r.size / 1e6).toLocaleString("en")} M p50 / p95 (ms)`);
console.log(`| endpoint | ${header.join(" | ")} |\n|---|${results.map(() => "---:|").join("")}`);
for (const key of Object.keys(results[0].endpoints)) {
  const budget = (r) => (r.size >= 10_000_000 ? 300 : 50);
  console.log(`| ${key} | ${results.map((r) => { const e = r.endpoints[key]; return `${e.p50.toFixed(1)} / ${e.p95.toFixed(1)}${e.p50 > budget(r) ? " **over**" : ""}`; }).join(" | ")} |`);
}
console.log(`| database size | ${results.map((r) => `${r.mb.toFixed(0)} MB`).join(" | ")} |`);
console.log(`| time to store the set | ${results.map((r) => `${r.ingestSeconds.toFixed(0)} s (${Math.round(r.size / r.ingestSeconds).toLocaleString("en")} events/s)`).join(" | ")} |`);
