import { describe, expect, it } from "vitest";
import { BATCH, harness, TRACK } from "../test-support/harness.js";

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const PRICE_BOUND = "items[0].price must be at most 100000000000 (10^13 minor units of USD)";
const LINE_BOUND = "items[0]: price × quantity must be at most 100000000000 (10^13 minor units of USD)";
/** The issue's beacon: two of these on one day overflowed the cart-day table. */
const hugeCart = { event_type: "add_to_cart", items: [{ item_id: "a", price: 1e12, quantity: 50_000 }] };

describe("values beyond the bounds are refused at the door, on every route", () => {
  it.each([
    [hugeCart, PRICE_BOUND],
    [{ event_type: "add_to_cart", items: [{ item_id: "a", price: 1e8, quantity: 50_000 }] }, LINE_BOUND],
    [
      { event_type: "add_to_cart", items: [{ item_id: "a", price: 1, quantity: 1_000_001 }] },
      "items[0].quantity must be at most 1000000",
    ],
    [
      { event_type: "purchase", transaction_id: "o", revenue: 1e11 + 0.01 },
      "revenue must be at most 100000000000 (10^13 minor units of USD)",
    ],
    [
      { event_type: "purchase", transaction_id: "o", revenue: 1, tax: 2e11 },
      "tax must be at most 100000000000 (10^13 minor units of USD)",
    ],
    [
      { event_type: "purchase", transaction_id: "o", revenue: 1, currency: "KWD", shipping: 1e10 + 1 },
      "shipping must be at most 10000000000 (10^13 minor units of KWD)",
    ],
    [
      {
        event_type: "purchase",
        transaction_id: "o",
        revenue: 1,
        items: [
          { item_id: "a", price: 6e10 },
          { item_id: "b", price: 6e10 },
        ],
      },
      "items: the sum of price × quantity must be at most 100000000000 (10^13 minor units of USD)",
    ],
    [{ event_type: "purchase", transaction_id: "   ", revenue: 1 }, "transaction_id is required for purchase events"],
    [{ event_type: "view_cart", user_id: "u\ud800" }, "user_id must be well-formed text (it holds a lone surrogate)"],
    [
      { event_type: "view_cart", properties: { k: "\udc00x" } },
      "properties.k must be well-formed text (it holds a lone surrogate)",
    ],
  ])("track answers 400 for %j", async (body, message) => {
    const h = await harness();
    const res = await h.post(TRACK, body, h.shop.publishable_key);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: message });
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("accepts the largest values on the bounds, paired surrogates and a JPY amount beyond USD's bound", async () => {
    const h = await harness();
    const ok = [
      {
        event_type: "purchase",
        transaction_id: "o1",
        revenue: 1e11,
        items: [{ item_id: "a", price: 1e5, quantity: 1e6 }],
      },
      { event_type: "purchase", transaction_id: "o2", revenue: 1e13, currency: "JPY" },
      { event_type: "view_cart", user_id: "u😀" },
    ];
    for (const body of ok) expect((await h.post(TRACK, body, h.shop.secret_key)).status).toBe(200);
    expect(
      await h.rows(
        "SELECT transaction_id, revenue FROM events WHERE transaction_id IS NOT NULL ORDER BY transaction_id",
      ),
    ).toEqual([
      { transaction_id: "o1", revenue: 1e13 },
      { transaction_id: "o2", revenue: 1e13 },
    ]);
  });

  it("batch names the event, and keeps the good ones", async () => {
    const h = await harness();
    const res = await h.post(BATCH, { events: [{ event_type: "view_cart" }, hugeCart] }, h.shop.publishable_key);
    expect(await res.json()).toEqual({ ok: true, accepted: 1, errors: [`events[1]: ${PRICE_BOUND}`] });
  });

  it("Segment refuses a product beyond the bound", async () => {
    const h = await harness();
    const message = {
      type: "track",
      event: "Product Added",
      anonymousId: "a1",
      properties: { product_id: "a", price: 1e12, quantity: 50_000 },
    };
    const one = await h.post("/v1/track", message, undefined, { authorization: basic(h.shop.secret_key) });
    expect(one.status).toBe(400);
    expect((await one.json()).error).toBe(PRICE_BOUND);
    const batch = await h.post("/v1/batch", { batch: [message] }, undefined, {
      authorization: basic(h.shop.secret_key),
    });
    expect(await batch.json()).toEqual({ success: true, errors: [`events[0]: ${PRICE_BOUND}`] });
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("Hello Retail refuses a total beyond the bound", async () => {
    const h = await harness();
    const res = await h.post("/serve/collect/conversion", {
      websiteUuid: h.shop.website_id,
      trackingUserId: "t",
      orderNumber: "1",
      total: 1e12,
      productNumbers: ["p"],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      success: false,
      message: "total must be at most 100000000000 (10^13 minor units of USD)",
    });
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });
});
