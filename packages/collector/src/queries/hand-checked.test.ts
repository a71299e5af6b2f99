import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW } from "../test-support/harness.js";

const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const Q = "/v1/api/analytics/ecommerce";

async function setup(events: Record<string, unknown>[]) {
  const h = await harness();
  const res = await h.post(BATCH, { events }, h.shop.secret_key);
  expect((await res.json()).accepted).toBe(events.length);
  const get = async (path: string) =>
    (await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } })).json();
  return { h, get };
}

describe("attribution, by hand", () => {
  // One visitor: an email session 10 days before, a cpc session 3 days before, then a 100 USD purchase.
  const journey = [
    {
      event_type: "view_cart",
      anonymous_id: "a",
      session_id: "s1",
      timestamp: at(10),
      context: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring" },
    },
    {
      event_type: "view_cart",
      anonymous_id: "a",
      session_id: "s2",
      timestamp: at(3),
      context: { utm_source: "google", utm_medium: "cpc", utm_campaign: "brand" },
    },
    { event_type: "view_cart", anonymous_id: "a", session_id: "s3", timestamp: at(1) },
    {
      event_type: "purchase",
      transaction_id: "o1",
      revenue: 100,
      anonymous_id: "a",
      session_id: "s3",
      timestamp: at(1),
    },
    { event_type: "purchase", transaction_id: "o2", revenue: 50, anonymous_id: "nobody", timestamp: at(1) },
  ];
  const row = (campaign: string, revenue: number, pct: number) =>
    expect.objectContaining({ campaign, revenue, orders: 1, pct_of_total: pct });

  it("last_click gives everything to the latest touch", async () => {
    const { get } = await setup(journey);
    const body = await get("attribution");
    expect(body).toEqual({
      attributed: [row("brand", 100, 66.7)],
      unattributed: { revenue: 50, orders: 1 },
      model: "last_click",
      window_days: 30,
    });
  });

  it("linear splits equally", async () => {
    const { get } = await setup(journey);
    expect((await get("attribution?model=linear")).attributed).toEqual([
      row("brand", 50, 33.3),
      row("spring", 50, 33.3),
    ]);
  });

  it("time_decay halves a touch's weight every 7 days", async () => {
    const { get } = await setup(journey);
    // ages 9 and 2 days: weights 2^(-9/7) and 2^(-2/7), normalised.
    const early = 2 ** (-9 / 7);
    const late = 2 ** (-2 / 7);
    const brand = (100 * late) / (early + late);
    expect((await get("attribution?model=time_decay")).attributed).toEqual([
      row("brand", Math.round(brand * 100) / 100, Math.round((brand / 150) * 1000) / 10),
      row("spring", Math.round((100 - brand) * 100) / 100, Math.round(((100 - brand) / 150) * 1000) / 10),
    ]);
  });

  it("a 7-day window leaves out the older touch", async () => {
    const { get } = await setup(journey);
    expect((await get("attribution?model=linear&window=7")).attributed).toEqual([row("brand", 100, 66.7)]);
  });
});

describe("funnel, by hand", () => {
  it("counts a step only at or after every earlier step, inside the range", async () => {
    const { get } = await setup([
      // v1 does every step in order
      ...["view_item", "add_to_cart", "view_cart", "begin_checkout", "add_payment_info"].map((t, i) => ({
        event_type: t,
        anonymous_id: "v1",
        timestamp: at(5 - i * 0.1),
        items: [{ item_id: "x" }],
      })),
      { event_type: "purchase", transaction_id: "o", revenue: 1, anonymous_id: "v1", timestamp: at(4) },
      // v2 adds to cart before viewing: only the view counts
      { event_type: "add_to_cart", anonymous_id: "v2", timestamp: at(5), items: [{ item_id: "x" }] },
      { event_type: "view_item", anonymous_id: "v2", timestamp: at(4), items: [{ item_id: "x" }] },
      // v3 viewed before the range; adds inside it: not in the funnel at all
      { event_type: "view_item", anonymous_id: "v3", timestamp: at(40), items: [{ item_id: "x" }] },
      { event_type: "add_to_cart", anonymous_id: "v3", timestamp: at(2), items: [{ item_id: "x" }] },
      // v4 views then skips the cart view: stops at add_to_cart
      { event_type: "view_item", anonymous_id: "v4", timestamp: at(3), items: [{ item_id: "x" }] },
      { event_type: "add_to_cart", anonymous_id: "v4", timestamp: at(2), items: [{ item_id: "x" }] },
      { event_type: "begin_checkout", anonymous_id: "v4", timestamp: at(1) },
    ]);
    const { steps } = await get("funnel");
    expect(steps).toEqual([
      { name: "view_item", count: 3, percentage: 100 },
      { name: "add_to_cart", count: 2, percentage: 66.7 },
      { name: "view_cart", count: 1, percentage: 50 },
      { name: "begin_checkout", count: 1, percentage: 100 },
      { name: "add_payment_info", count: 1, percentage: 100 },
      { name: "purchase", count: 1, percentage: 100 },
    ]);
  });
});

describe("money in the base currency's own digits", () => {
  it("answers a JPY appspace in whole yen (10.01 USD = 1501.5 → 1502) and a KWD one to 3 digits", async () => {
    for (const [currency, expected] of [
      ["JPY", 1502],
      ["KWD", 3.003],
    ] as const) {
      const h = await harness({ currency });
      await h.post(
        BATCH,
        { events: [{ event_type: "purchase", transaction_id: "o", revenue: 10.01, currency: "USD" }] },
        h.shop.secret_key,
      );
      const res = await h.app.request(`${Q}/overview`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } });
      expect((await res.json()).total_revenue).toBe(expected);
    }
  });
});

describe("erase", () => {
  it("leaves no row holding the user id, their stitched anonymous ids or their email, and stays erased", async () => {
    const person = [
      {
        event_type: "view_item",
        anonymous_id: "anon-e",
        session_id: "se",
        items: [{ item_id: "x" }],
        timestamp: at(2),
      },
      {
        event_type: "purchase",
        event_id: "p-1",
        transaction_id: "oe",
        revenue: 20,
        anonymous_id: "anon-e",
        user_id: "erase-me",
        email: "e@example.com",
        timestamp: at(1),
      },
      { event_type: "refund", transaction_id: "oe", revenue: 5, user_id: "erase-me", timestamp: at(1) },
      { event_type: "view_cart", email: "e@example.com", anonymous_id: "other-device", timestamp: at(1) },
      { event_type: "purchase", transaction_id: "keep", revenue: 7, user_id: "someone-else", timestamp: at(1) },
    ];
    const { h, get } = await setup(person);
    const del = () =>
      h.app.request("/v1/api/analytics/user/erase-me", {
        method: "DELETE",
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      });
    for (let i = 0; i < 2; i++) {
      const res = await del();
      expect(await res.json()).toEqual({ ok: true, deleted_user_id: "erase-me" });
    }
    const dump = JSON.stringify(await Promise.all((await h.tables()).map((name) => h.rows(`SELECT * FROM "${name}"`))));
    for (const needle of ["erase-me", "anon-e", "e@example.com", "other-device"]) expect(dump).not.toContain(needle);
    expect((await get("user-journey?user_id=erase-me")).events).toEqual([]);
    expect((await get("overview")).total_orders).toBe(1);
    // A late retry of the erased order, by order id or by event id, does not bring it back.
    await h.post(BATCH, { events: [person[1]!, { ...person[1]!, event_id: "p-2" }] }, h.shop.secret_key);
    expect((await get("overview")).total_orders).toBe(1);
  });
});

describe("isolation", () => {
  it("one appspace's queries never see another's events", async () => {
    const { h, get } = await setup([{ event_type: "purchase", transaction_id: "o", revenue: 10 }]);
    const { createAppspace } = await import("../appspaces/create-appspace.js");
    const other = await createAppspace(h.store, { name: "Other", currency: "USD" });
    await h.post(
      BATCH,
      { events: [{ event_type: "purchase", transaction_id: "o", revenue: 99 }] },
      other.publishable_key,
    );
    expect((await get("overview")).total_revenue).toBe(10);
    const theirs = await h.app.request(`${Q}/overview`, { headers: { authorization: `Bearer ${other.secret_key}` } });
    expect((await theirs.json()).total_revenue).toBe(99);
  });
});

describe("top-products names", () => {
  it("takes the latest non-empty name for the item on any event, and forgets an erased one", async () => {
    const { h, get } = await setup([
      { event_type: "view_item", items: [{ item_id: "sku", item_name: "Old name" }], timestamp: at(5) },
      {
        event_type: "view_item",
        user_id: "renamer",
        items: [{ item_id: "sku", item_name: "New name" }],
        timestamp: at(2),
      },
      { event_type: "view_item", items: [{ item_id: "sku", item_name: "Back-dated" }], timestamp: at(9) },
      { event_type: "view_item", items: [{ item_id: "sku", item_name: "" }], timestamp: at(1) },
      {
        event_type: "purchase",
        transaction_id: "o",
        revenue: 5,
        items: [{ item_id: "sku", price: 5 }],
        timestamp: at(1),
      },
    ]);
    expect((await get("top-products")).products).toEqual([
      { item_id: "sku", item_name: "New name", revenue: 5, quantity: 1, orders: 1 },
    ]);
    await h.app.request("/v1/api/analytics/user/renamer", {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    expect((await get("top-products")).products[0].item_name).toBe("Old name");
  });
});
