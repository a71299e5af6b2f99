// The fraud rules as the projector applies them, through HTTP on a real in-memory store: each
// rule flags with its name, a blocked event is answered like an accepted one and leaves no trace
// in any endpoint, and severities come from the appspace's settings.
import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW, seedPurchase, TRACK, type Harness } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import type { Severity } from "./fraud/severity.js";

const Q = "/v1/api/analytics/ecommerce";
const CURL = "curl/8.5.0";
const ENDPOINTS = [
  "overview",
  "revenue-timeseries",
  "top-products",
  "revenue-by-coupon",
  "revenue-by-device",
  "revenue-by-platform",
  "revenue-by-country",
  "funnel",
  "cart-abandonment",
  "revenue-by-channel",
  "attribution",
  "cohorts",
  "coverage",
  "flagged",
  "user-journey?user_id=user_123",
];

async function get(h: Harness, path: string) {
  const res = await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } });
  expect(res.status, path).toBe(200);
  return res.json() as Promise<any>;
}

/** Every query endpoint's answer, both with and without exclude_flagged. */
async function everyAnswer(h: Harness) {
  const out: Record<string, unknown> = {};
  for (const path of ENDPOINTS) {
    out[path] = await get(h, path);
    out[`${path} excluded`] = await get(h, `${path}${path.includes("?") ? "&" : "?"}exclude_flagged=true`);
  }
  return out;
}

async function shop(fraud: Record<string, Severity> = {}, settings: Record<string, unknown> = {}) {
  const h = await harness();
  await h.store.updateAppspace(h.shop.id, { fraud: JSON.stringify(fraud), ...settings });
  return h;
}

const flagged = async (h: Harness) =>
  (await get(h, "flagged?days=30")).events as Array<{ event_id: string; rules: string[] }>;

describe("the bot rule", () => {
  it("drops a bot's purchase (default block), answering exactly as for an accepted one, and no endpoint shows it", async () => {
    const h = await shop();
    const before = await everyAnswer(h);
    const pk = h.shop.publishable_key;
    const track = await h.post(TRACK, seedPurchase({ event_id: "e-bot" }), pk, { "user-agent": CURL });
    expect(track.status).toBe(200);
    expect(await track.json()).toEqual({ ok: true });
    const batch = await h.post(
      BATCH,
      {
        events: [
          seedPurchase({ transaction_id: "o-2" }),
          { event_type: "view_item", user_id: "user_123", items: [{ item_id: "sku_1" }] },
        ],
      },
      pk,
      { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" },
    );
    expect(await batch.json()).toEqual({ ok: true, accepted: 2 });
    expect(await everyAnswer(h)).toEqual(before);

    // Its id counts as seen: the retry (now from a browser) is a repeat. Its order id is not taken.
    await h.post(TRACK, seedPurchase({ event_id: "e-bot" }), pk, { "user-agent": BROWSER_USER_AGENT });
    expect((await get(h, "overview")).total_orders).toBe(0);
    await h.post(TRACK, seedPurchase({ event_id: "e-real" }), pk, { "user-agent": BROWSER_USER_AGENT });
    expect(await get(h, "overview")).toMatchObject({ total_orders: 1, total_revenue: 49.99 });
  });

  it("judges a secret key's event only by the browser User-Agent it carries, never the server library's own", async () => {
    const h = await shop();
    const sk = h.shop.secret_key;
    await h.post(TRACK, seedPurchase({ transaction_id: "from-node" }), sk, { "user-agent": "node" });
    await h.post(TRACK, seedPurchase({ transaction_id: "carried", context: { user_agent: CURL } }), sk);
    await h.post(TRACK, seedPurchase({ transaction_id: "browser", context: { user_agent: BROWSER_USER_AGENT } }), sk, {
      "user-agent": CURL,
    });
    expect((await get(h, "overview")).total_orders).toBe(2);
  });

  it("at flag, stores the bot's event marked bot; off, judges nothing", async () => {
    const h = await shop({ bot: "flag" });
    await h.post(TRACK, seedPurchase({ event_id: "e1" }), h.shop.publishable_key, { "user-agent": CURL });
    expect(await flagged(h)).toEqual([expect.objectContaining({ event_id: "e1", rules: ["bot"] })]);
    await h.store.updateAppspace(h.shop.id, { fraud: JSON.stringify({ bot: "off" }) });
    await h.post(TRACK, seedPurchase({ event_id: "e2", transaction_id: "o2" }), h.shop.publishable_key, {
      "user-agent": CURL,
    });
    expect((await flagged(h)).map((e) => e.event_id)).toEqual(["e1"]);
    expect((await get(h, "overview")).total_orders).toBe(2);
  });
});

describe("each rule flags with its name", () => {
  it("impossible_revenue: above the max order value, or items worth more than twice the revenue", async () => {
    const h = await shop({}, { max_order_value: 100_00 });
    const sk = h.shop.secret_key;
    await h.post(
      BATCH,
      {
        events: [
          seedPurchase({
            event_id: "over",
            transaction_id: "o1",
            revenue: 100.01,
            items: [{ item_id: "a", price: 100.01 }],
          }),
          seedPurchase({ event_id: "at", transaction_id: "o2", revenue: 100, items: [{ item_id: "a", price: 100 }] }),
          seedPurchase({
            event_id: "items",
            transaction_id: "o3",
            revenue: 10,
            items: [{ item_id: "a", price: 7, quantity: 3 }],
          }),
          seedPurchase({
            event_id: "twice",
            transaction_id: "o4",
            revenue: 10,
            items: [{ item_id: "a", price: 5, quantity: 4 }],
          }),
        ],
      },
      sk,
    );
    expect((await flagged(h)).map((e) => [e.event_id, e.rules])).toEqual([
      ["over", ["impossible_revenue"]],
      ["items", ["impossible_revenue"]],
    ]);
  });

  it("velocity: the 11th and later purchases of one visitor within 10 minutes of event time", async () => {
    const h = await shop();
    const at = (minute: number) => new Date(NOW - 60 * 60_000 + minute * 60_000).toISOString();
    const events = Array.from({ length: 12 }, (_, i) =>
      seedPurchase({ event_id: `p${i}`, transaction_id: `t${i}`, user_id: "fast", timestamp: at(i * 0.5) }),
    );
    // Another visitor's purchases, and the same visitor's a quarter of an hour later, are not counted with them.
    events.push(seedPurchase({ event_id: "other", transaction_id: "t-other", user_id: "calm", timestamp: at(3) }));
    events.push(seedPurchase({ event_id: "later", transaction_id: "t-later", user_id: "fast", timestamp: at(25) }));
    await h.post(BATCH, { events }, h.shop.secret_key);
    expect((await flagged(h)).map((e) => [e.event_id, e.rules])).toEqual([
      ["p10", ["velocity"]],
      ["p11", ["velocity"]],
    ]);
  });

  it("currency_restricted: a currency sent on the event or an item outside the allowed list; none sent is not judged", async () => {
    const h = await shop({}, { currencies: "USD,EUR" });
    await h.post(
      BATCH,
      {
        events: [
          seedPurchase({
            event_id: "jpy",
            transaction_id: "o1",
            currency: "JPY",
            revenue: 5000,
            items: [{ item_id: "a", price: 5000 }],
          }),
          seedPurchase({
            event_id: "item",
            transaction_id: "o2",
            currency: "EUR",
            items: [{ item_id: "a", price: 10, currency: "GBP" }],
          }),
          seedPurchase({
            event_id: "eur",
            transaction_id: "o3",
            currency: "EUR",
            items: [{ item_id: "a", price: 10 }],
          }),
          { event_type: "view_item", event_id: "none", items: [{ item_id: "a", price: 3 }] },
        ],
      },
      h.shop.secret_key,
    );
    const list = await get(h, "flagged?days=30");
    expect(list.events.map((e: { event_id: string; rules: string[] }) => [e.event_id, e.rules])).toEqual([
      ["jpy", ["currency_restricted"]],
      ["item", ["currency_restricted"]],
    ]);
    // Money in the base currency like every answer, the original beside it.
    expect(list.events[0]).toMatchObject({
      event_type: "purchase",
      transaction_id: "o1",
      revenue: 33.33,
      currency: "USD",
      original_revenue: 5000,
      original_currency: "JPY",
    });
    expect(list.days).toBe(30);
  });

  it("lists every flag rule that fired; any rule at block drops the event instead", async () => {
    const h = await shop({ bot: "flag" }, { currencies: "USD", max_order_value: 10_00 });
    const jpy = { currency: "JPY", revenue: 5000, items: [{ item_id: "a", price: 5000 }] };
    await h.post(TRACK, seedPurchase({ event_id: "many", transaction_id: "o1", ...jpy }), h.shop.publishable_key, {
      "user-agent": CURL,
    });
    expect(await flagged(h)).toEqual([
      expect.objectContaining({ event_id: "many", rules: ["bot", "impossible_revenue", "currency_restricted"] }),
    ]);
    await h.store.updateAppspace(h.shop.id, { fraud: JSON.stringify({ bot: "flag", currency_restricted: "block" }) });
    const res = await h.post(
      TRACK,
      seedPurchase({ event_id: "dropped", transaction_id: "o2", ...jpy }),
      h.shop.publishable_key,
      { "user-agent": CURL },
    );
    expect(await res.json()).toEqual({ ok: true });
    expect((await flagged(h)).map((e) => e.event_id)).toEqual(["many"]);
    expect((await get(h, "overview")).total_orders).toBe(1);
  });
});

describe("flagged events", () => {
  it("count by default and are left out with exclude_flagged=true, on every endpoint", async () => {
    const h = await shop({}, { currencies: "USD" });
    const sk = h.shop.secret_key;
    await h.post(TRACK, seedPurchase({ transaction_id: "clean" }), sk);
    const clean = await everyAnswer(h);
    await h.post(
      BATCH,
      {
        events: [
          seedPurchase({ transaction_id: "eur", currency: "EUR" }),
          { event_type: "view_item", user_id: "user_123", currency: "EUR", items: [{ item_id: "x" }] },
        ],
      },
      sk,
    );
    const overview = await get(h, "overview");
    expect(overview).toMatchObject({ total_orders: 2 });
    const now = await everyAnswer(h);
    for (const path of ENDPOINTS.filter((p) => p !== "flagged"))
      expect(now[`${path} excluded`], path).toEqual(clean[path]);
    expect((await get(h, "user-journey?user_id=user_123")).events).toHaveLength(3);
    expect((await get(h, "flagged?exclude_flagged=true")).events).toEqual([]);
    const bad = await h.app.request(`${Q}/overview?exclude_flagged=yes`, {
      headers: { authorization: `Bearer ${sk}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "exclude_flagged must be one of true, false",
      code: "query.invalid_exclude_flagged",
    });
  });

  it("a merged order is flagged when either side's copy was", async () => {
    const h = await shop({}, { currencies: "USD" });
    await h.post(TRACK, seedPurchase({ transaction_id: "m1" }), h.shop.publishable_key, {
      "user-agent": BROWSER_USER_AGENT,
    });
    await h.post(TRACK, seedPurchase({ transaction_id: "m1", currency: "EUR", revenue: 40 }), h.shop.secret_key);
    expect((await get(h, "overview")).total_orders).toBe(1);
    expect((await get(h, "overview?exclude_flagged=true")).total_orders).toBe(0);
    expect((await flagged(h)).map((e) => e.rules)).toEqual([["currency_restricted"]]);
  });
});
