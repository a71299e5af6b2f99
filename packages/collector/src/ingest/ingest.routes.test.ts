import { describe, expect, it } from "vitest";
import { BATCH, harness, seedPurchase, TRACK } from "../test-support/harness.js";

describe("POST /track", () => {
  it("stores the seed's example purchase and answers { ok: true }", async () => {
    const h = await harness();
    const res = await h.post(TRACK, seedPurchase(), h.shop.publishable_key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const [order] = await h.rows("SELECT * FROM events");
    expect(order).toMatchObject({
      event_type: "purchase",
      transaction_id: "order_456",
      revenue: 4999,
      revenue_base: 4999,
      discount: 500,
      shipping: 499,
      tax: 375,
      subtotal: 4998,
      coupon_code: "SAVE10",
      campaign: "spring-sale",
      source: "email",
      medium: null,
      customer_order_index: 1,
      seen_by: 1,
    });
    expect(await h.rows("SELECT item_id, price, quantity, line_total, line_net FROM event_items")).toEqual([
      { item_id: "sku_1", price: 2499, quantity: 2, line_total: 4998, line_net: 4998 },
    ]);
    expect(await h.rows("SELECT key, value FROM event_properties ORDER BY key")).toEqual([
      { key: "campaign", value: "spring-sale" },
      { key: "source", value: "email" },
    ]);
  });

  it.each([
    [{}, "event_type is required"],
    [{ event_type: "" }, "event_type is required"],
    [{ event_type: "page_view" }, "Invalid ecommerce event_type"],
    [{ event_type: 7 }, "Invalid ecommerce event_type"],
    [{ event_type: "purchase", revenue: 10 }, "transaction_id is required for purchase events"],
    [{ event_type: "purchase", transaction_id: "o1" }, "revenue is required for purchase events"],
    [{ event_type: "refund", revenue: 10 }, "transaction_id is required for refund events"],
    [{ event_type: "refund", transaction_id: "o1" }, "revenue is required for refund events"],
    [{ event_type: "spend_credits" }, "revenue is required for spend_credits events"],
    [{ event_type: "view_item" }, "items is required for view_item events"],
    [{ event_type: "add_to_cart", items: [] }, "items is required for add_to_cart events"],
    [{ event_type: "purchase", transaction_id: "o1", revenue: "49.99" }, "revenue must be a number, not a string"],
    [{ event_type: "purchase", transaction_id: "o1", revenue: -1 }, "revenue must be ≥ 0"],
    [{ event_type: "view_item", items: [{ price: 3 }] }, "items[0].item_id is required"],
    [
      { event_type: "view_item", items: [{ item_id: "a", quantity: "2" }] },
      "items[0].quantity must be a number, not a string",
    ],
    [{ event_type: "view_cart", item_id: "a" }, "unknown field item_id"],
    [
      { event_type: "view_cart", properties: { nested: { a: 1 } } },
      "properties.nested must be a string or a number, not an object",
    ],
    [{ event_type: "view_cart", currency: "usd" }, "currency must be an ISO 4217 code such as USD"],
    [{ event_type: "view_cart", currency: "XYZ" }, "Unknown currency XYZ"],
    [{ event_type: "view_cart", user_id: "u".repeat(201) }, "user_id must be at most 200 characters"],
    [
      { event_type: "view_cart", context: { page_title: "t".repeat(501) } },
      "context.page_title must be at most 500 characters",
    ],
    [{ event_type: "view_cart", timestamp: "yesterday" }, "timestamp must be an ISO 8601 date-time"],
    [
      { event_type: "view_item", items: [{ item_id: "a", item_name: "T\u0000shirt" }] },
      "items[0].item_name must not contain the NUL character (\\u0000)",
    ],
    [
      { event_type: "view_cart", properties: { "k\u0000": "v" } },
      "properties.k\u0000 must not contain the NUL character (\\u0000)",
    ],
  ])("answers 400 for %j: %s", async (body, message) => {
    const h = await harness();
    const res = await h.post(TRACK, body, h.shop.publishable_key);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe(message);
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("maps Segment and MetaRouter event names to the 13 types", async () => {
    const h = await harness();
    for (const name of [
      "Order Completed",
      "Product Added",
      "Checkout Started",
      "cart_viewed",
      "Payment Info Entered",
      "Products Searched",
    ]) {
      const body =
        name === "Order Completed"
          ? seedPurchase({ event_type: name })
          : { event_type: name, items: [{ item_id: "a" }] };
      expect((await h.post(TRACK, body, h.shop.publishable_key)).status).toBe(200);
    }
    expect((await h.rows("SELECT event_type FROM events ORDER BY seq")).map((r) => r.event_type)).toEqual([
      "purchase",
      "add_to_cart",
      "begin_checkout",
      "view_cart",
      "add_payment_info",
      "search",
    ]);
  });
});

describe("POST /batch", () => {
  it("answers the accepted count", async () => {
    const h = await harness();
    const res = await h.post(
      BATCH,
      {
        events: [
          {
            event_type: "add_to_cart",
            items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99 }],
            user_id: "user_123",
          },
          {
            event_type: "purchase",
            transaction_id: "order_456",
            revenue: 49.99,
            currency: "USD",
            user_id: "user_123",
            items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }],
          },
        ],
      },
      h.shop.publishable_key,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 2 });
  });

  it("skips invalid events and names them", async () => {
    const h = await harness();
    const res = await h.post(
      BATCH,
      { events: [{ event_type: "purchase", revenue: 1 }, { event_type: "view_cart" }] },
      h.shop.publishable_key,
    );
    expect(await res.json()).toEqual({
      ok: true,
      accepted: 1,
      errors: ["events[0]: transaction_id is required for purchase events"],
    });
    expect(await h.rows("SELECT event_type FROM events")).toEqual([{ event_type: "view_cart" }]);
  });

  it.each([
    [{}, "events array is required and must not be empty"],
    [{ events: [] }, "events array is required and must not be empty"],
    [{ events: "x" }, "events array is required and must not be empty"],
    [{ events: Array.from({ length: 101 }, () => ({ event_type: "view_cart" })) }, "Maximum 100 events per batch"],
    [{ events: [{ event_type: "view_cart" }], extra: 1 }, "unknown field extra"],
    [
      { events: [{ event_type: "view_cart" }], sdk: { dropped: -1 } },
      "sdk must be an object with whole-number dropped and expired counts",
    ],
  ])("answers 400 for a bad batch (%#): %s", async (body, message) => {
    const h = await harness();
    const res = await h.post(BATCH, body, h.shop.publishable_key);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: message, code: expect.stringMatching(/^ingest\./) });
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("accepts exactly 100 events", async () => {
    const h = await harness();
    const res = await h.post(
      BATCH,
      { events: Array.from({ length: 100 }, () => ({ event_type: "view_cart" })) },
      h.shop.publishable_key,
    );
    expect(await res.json()).toEqual({ ok: true, accepted: 100 });
  });

  it("records what an SDK reports it dropped or expired", async () => {
    const h = await harness();
    await h.post(
      BATCH,
      { events: [{ event_type: "view_cart" }], sdk: { dropped: 2, expired: 1 } },
      h.shop.publishable_key,
    );
    await h.post(BATCH, { events: [{ event_type: "view_cart" }], sdk: { dropped: 1 } }, h.shop.publishable_key);
    expect(await h.rows("SELECT dropped, expired FROM sdk_losses")).toEqual([{ dropped: 3, expired: 1 }]);
  });
});

describe("keys", () => {
  it("takes the key from the header, then ?key=, then the body", async () => {
    const h = await harness();
    const pk = h.shop.publishable_key;
    expect((await h.post(`${TRACK}?key=${pk}`, { event_type: "view_cart" })).status).toBe(200);
    expect((await h.post(TRACK, { event_type: "view_cart", key: pk })).status).toBe(200);
    expect((await h.post(BATCH, { events: [{ event_type: "view_cart" }], key: pk })).status).toBe(200);
    expect((await h.post(TRACK, { event_type: "view_cart" }, h.shop.secret_key)).status).toBe(200);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 4 }]);
  });

  it("answers 401 for a missing, unknown or revoked key", async () => {
    const h = await harness();
    let res = await h.post(TRACK, { event_type: "view_cart" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "API key is required", code: "auth.missing_key" });
    res = await h.post(TRACK, { event_type: "view_cart" }, "pk_nope");
    expect(await res.json()).toEqual({ error: "Invalid API key", code: "auth.invalid_key" });
    await h.run("UPDATE api_keys SET revoked_at = 1");
    expect((await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key)).status).toBe(401);
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("stores keys only as hashes", async () => {
    const h = await harness();
    const stored = JSON.stringify(await h.rows("SELECT * FROM api_keys"));
    expect(stored).not.toContain(h.shop.publishable_key);
    expect(stored).not.toContain(h.shop.secret_key);
  });
});

describe("HTTP edges", () => {
  it("answers a CORS preflight from any shop origin", async () => {
    const h = await harness();
    const res = await h.app.request(BATCH, {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("reads text/plain bodies (beacons)", async () => {
    const h = await harness();
    const res = await h.post(
      `${BATCH}?key=${h.shop.publishable_key}`,
      JSON.stringify({ events: [{ event_type: "view_cart" }] }),
      undefined,
      {
        "content-type": "text/plain;charset=UTF-8",
      },
    );
    expect(await res.json()).toEqual({ ok: true, accepted: 1 });
  });

  it("answers 413 for a 10 MB body without reading it all", async () => {
    const h = await harness();
    const res = await h.post(
      TRACK,
      JSON.stringify({ event_type: "view_cart", properties: { a: "x".repeat(10 * 1024 * 1024) } }),
      h.shop.publishable_key,
    );
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("request.body_too_large");
  });

  it.each([
    ["{not json", "Request body is not valid JSON"],
    ["", "Request body is empty"],
    ["[1,2]", "Request body must be a JSON object"],
    ["null", "Request body must be a JSON object"],
  ])("answers 400 for the body %j", async (body, message) => {
    const h = await harness();
    const res = await h.post(TRACK, body, h.shop.publishable_key);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe(message);
  });

  it("answers 400 for bytes that are not UTF-8", async () => {
    const h = await harness();
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"event_type":"view_cart","user_id":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const res = await h.app.request(TRACK, {
      method: "POST",
      headers: { authorization: `Bearer ${h.shop.publishable_key}` },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("request.invalid_utf8");
  });

  it("answers JSON for unknown routes, /healthz and /openapi.json", async () => {
    const h = await harness();
    expect((await h.app.request("/nope")).status).toBe(404);
    expect(await (await h.app.request("/healthz")).json()).toEqual({ ok: true });
    const doc = await (await h.app.request("/openapi.json")).json();
    expect(doc.paths["/v1/api/analytics/ecommerce/track"]).toBeDefined();
    expect(doc.components.schemas.EcommerceEvent.properties.event_type.enum).toContain("spend_credits");
  });
});
