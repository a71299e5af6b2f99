import { describe, expect, it } from "vitest";
import { BATCH, harness, seedPurchase, TRACK } from "../test-support/harness.js";

const orders = async (h: Awaited<ReturnType<typeof harness>>) =>
  (
    await h.rows<{ n: number; revenue: number }>(
      "SELECT count(*) AS n, sum(revenue) AS revenue FROM events WHERE event_type = 'purchase'",
    )
  )[0];

describe("exactly once", () => {
  it("drops a repeated event_id but still answers ok", async () => {
    const h = await harness();
    const body = { event_type: "view_cart", event_id: "e-1" };
    for (let i = 0; i < 3; i++)
      expect(await (await h.post(TRACK, body, h.shop.publishable_key)).json()).toEqual({ ok: true });
    expect(await (await h.post(BATCH, { events: [body, body] }, h.shop.publishable_key)).json()).toEqual({
      ok: true,
      accepted: 2,
    });
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 1 }]);
  });

  it("counts a purchase once per transaction_id, whatever its event ids", async () => {
    const h = await harness();
    await h.post(TRACK, seedPurchase({ event_id: "a" }), h.shop.publishable_key);
    await h.post(TRACK, seedPurchase({ event_id: "b", revenue: 99 }), h.shop.publishable_key);
    h.clock.now += 30 * 86_400_000; // weeks later: order ids are unique per shop for the whole retention
    await h.post(TRACK, seedPurchase({ event_id: "c" }), h.shop.publishable_key);
    expect(await orders(h)).toEqual({ n: 1, revenue: 4999 });
    expect(await h.rows("SELECT count(*) AS n FROM event_items")).toEqual([{ n: 1 }]);
  });

  it("counts a refund once per transaction_id, beside its purchase", async () => {
    const h = await harness();
    const refund = { event_type: "refund", transaction_id: "order_456", revenue: 10 };
    await h.post(TRACK, seedPurchase(), h.shop.publishable_key);
    await h.post(TRACK, refund, h.shop.secret_key);
    await h.post(TRACK, { ...refund, revenue: 20 }, h.shop.secret_key);
    expect(await h.rows("SELECT event_type, revenue FROM events ORDER BY seq")).toEqual([
      { event_type: "purchase", revenue: 4999 },
      { event_type: "refund", revenue: 1000 },
    ]);
  });

  it("keeps the same event_id apart in two appspaces", async () => {
    const h = await harness();
    const other = await (await import("../appspaces/create-appspace.js")).createAppspace(h.store, {
      name: "Other",
      currency: "EUR",
    });
    await h.post(TRACK, seedPurchase({ event_id: "same" }), h.shop.publishable_key);
    await h.post(TRACK, seedPurchase({ event_id: "same", currency: "EUR" }), other.publishable_key);
    expect(
      await h.rows(
        "SELECT a.name, e.revenue_base FROM events e JOIN appspaces a ON a.seq = e.appspace_seq ORDER BY a.name",
      ),
    ).toEqual([
      { name: "Other", revenue_base: 4999 },
      { name: "Shop", revenue_base: 4999 },
    ]);
  });

  it("stores a request's events all or none: an order never arrives without its items", async () => {
    const h = await harness();
    const many = Array.from({ length: 300 }, (_, i) => ({ item_id: `sku_${i}`, price: 1, quantity: 1 }));
    await h.post(TRACK, seedPurchase({ items: many }), h.shop.publishable_key);
    expect(await h.rows("SELECT count(*) AS n FROM event_items")).toEqual([{ n: 300 }]);
    expect(await h.rows("SELECT subtotal FROM events")).toEqual([{ subtotal: 30000 }]);
  });
});

describe("browser + server purchases merge into one order", () => {
  const browser = seedPurchase({
    event_id: "browser-1",
    revenue: 50,
    currency: "USD",
    user_id: undefined,
    coupon_code: undefined,
    anonymous_id: "anon-1",
    session_id: "sess-1",
    cart_id: "cart-1",
    timestamp: "2026-03-15T11:00:00Z",
    context: {
      page_url: "https://shop.example/thanks",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "brand",
      device_type: "mobile",
    },
    properties: {},
  });
  const server = {
    event_type: "purchase",
    event_id: "server-1",
    transaction_id: "order_456",
    revenue: 45,
    currency: "EUR",
    user_id: "user_123",
    email: "ann@example.com",
    coupon_code: "SAVE10",
    discount: 5,
    shipping: 4,
    tax: 2,
    timestamp: "2026-03-15T11:05:00Z",
    items: [{ item_id: "sku_9", price: 40, quantity: 1 }],
  };

  async function merged(order: Array<[unknown, "pk" | "sk"]>) {
    const h = await harness();
    for (const [body, kind] of order) {
      const res = await h.post(TRACK, body, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key);
      expect(await res.json()).toEqual({ ok: true });
    }
    const events = await h.rows("SELECT * FROM events");
    expect(events).toHaveLength(1);
    const { seq: _seq, received_at: _r, ...event } = events[0]!;
    return {
      event,
      items: await h.rows("SELECT item_id, price, currency FROM event_items"),
      identities: await h.rows("SELECT anonymous_id, user_id FROM identities"),
    };
  }

  it("server money and items win; the browser's ids, session and context stay; the earlier time is kept", async () => {
    const { event, items, identities } = await merged([
      [browser, "pk"],
      [server, "sk"],
    ]);
    expect(event).toMatchObject({
      event_id: "browser-1",
      currency: "EUR",
      revenue: 4500,
      revenue_base: 9000,
      discount: 500,
      user_id: "user_123",
      email: "ann@example.com",
      coupon_code: "SAVE10",
      anonymous_id: "anon-1",
      session_id: "sess-1",
      cart_id: "cart-1",
      campaign: "brand",
      source: "google",
      device_type: "mobile",
      page_url: "https://shop.example/thanks",
      ts: Date.parse("2026-03-15T11:00:00Z"),
      seen_by: 3,
    });
    expect(items).toEqual([{ item_id: "sku_9", price: 4000, currency: "EUR" }]);
    expect(identities).toEqual([{ anonymous_id: "anon-1", user_id: "user_123" }]);
  });

  it("gives the same order in either arrival order", async () => {
    const a = await merged([
      [browser, "pk"],
      [server, "sk"],
    ]);
    const b = await merged([
      [server, "sk"],
      [browser, "pk"],
    ]);
    expect(b).toEqual(a);
  });

  it("does not merge a second browser report, nor a second server report", async () => {
    const { event } = await merged([
      [browser, "pk"],
      [{ ...browser, event_id: "browser-2", revenue: 1 }, "pk"],
      [server, "sk"],
      [{ ...server, event_id: "server-2", revenue: 1 }, "sk"],
    ]);
    expect(event).toMatchObject({ revenue: 4500, seen_by: 3 });
  });
});
