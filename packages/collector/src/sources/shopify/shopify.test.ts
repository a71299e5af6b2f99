import { describe, expect, it } from "vitest";
import { base64Hmac, browserPurchase, orderRows, sourceHarness } from "../platform/deliver.test-support.js";
import { SHOPIFY_ORDER_ID, shopifyOrderBody, shopifyRefundBody } from "./shopify.fixtures.test-support.js";

const headers = (secret: string, body: string, topic: string, webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043") => ({
  "x-shopify-topic": topic,
  "x-shopify-hmac-sha256": base64Hmac(secret, body),
  "x-shopify-webhook-id": webhookId,
  "x-shopify-shop-domain": "acme.myshopify.com",
  "x-shopify-api-version": "2025-10",
});

describe("Shopify webhooks", () => {
  it("orders/create becomes a server-side purchase, its id taken exactly past 2^53", async () => {
    const { h, secret, deliver } = await sourceHarness("shopify");
    const body = shopifyOrderBody();
    const res = await deliver(body, headers(secret, body, "orders/create"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const [order] = await h.rows("SELECT * FROM events");
    expect(order).toMatchObject({
      event_type: "purchase",
      transaction_id: SHOPIFY_ORDER_ID,
      revenue: 8600,
      currency: "USD",
      discount: 1000,
      tax: 600,
      shipping: 1000,
      coupon_code: "SPRING10",
      user_id: "115310627314723954",
      email: "jon@example.com",
      seen_by: 2,
      utm_source: "instagram",
      utm_medium: "social",
      utm_campaign: "spring",
      ts: Date.parse("2026-03-15T11:58:09Z"),
    });
    expect(
      await h.rows(
        "SELECT item_id, item_name, item_variant, item_brand, price, quantity FROM event_items ORDER BY position",
      ),
    ).toEqual([
      { item_id: "TEE-RED-M", item_name: "Tee", item_variant: "Red / M", item_brand: "Acme", price: 2500, quantity: 2 },
      { item_id: "921728736", item_name: "Mug", item_variant: null, item_brand: "Acme", price: 3000, quantity: 1 },
    ]);
  });

  it("answers 401 for a missing or wrong signature and for a body changed after signing, storing nothing", async () => {
    const { h, secret, deliver } = await sourceHarness("shopify");
    const body = shopifyOrderBody();
    const { "x-shopify-hmac-sha256": _, ...unsigned } = headers(secret, body, "orders/create");
    const missing = await deliver(body, unsigned);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: "The shopify signature does not verify: missing signature",
      code: "source.invalid_signature",
    });
    expect((await deliver(body, headers("another-secret", body, "orders/create"))).status).toBe(401);
    const changed = body.replace('"total_price": "86.00"', '"total_price": "1.00"');
    expect((await deliver(changed, headers(secret, body, "orders/create"))).status).toBe(401);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });

  it("a re-delivery and orders/paid are the same order; orders/cancelled and other topics are answered and ignored", async () => {
    const { h, secret, deliver } = await sourceHarness("shopify");
    const body = shopifyOrderBody();
    for (const topic of ["orders/create", "orders/create", "orders/paid", "orders/cancelled", "products/update"]) {
      expect((await deliver(body, headers(secret, body, topic))).status).toBe(200);
    }
    expect(await orderRows(h)).toEqual([
      expect.objectContaining({ event_type: "purchase", transaction_id: SHOPIFY_ORDER_ID, seen_by: 2 }),
    ]);
  });

  for (const browserFirst of [true, false]) {
    it(`merges with the browser's copy of the order arriving ${browserFirst ? "before" : "after"} the webhook: one order, seen by both`, async () => {
      const { h, secret, deliver } = await sourceHarness("shopify");
      const body = shopifyOrderBody();
      if (browserFirst) await browserPurchase(h, SHOPIFY_ORDER_ID);
      await deliver(body, headers(secret, body, "orders/create"));
      if (!browserFirst) await browserPurchase(h, SHOPIFY_ORDER_ID);
      expect(await orderRows(h)).toEqual([
        {
          event_type: "purchase",
          transaction_id: SHOPIFY_ORDER_ID,
          revenue: 8600,
          currency: "USD",
          seen_by: 3,
          anonymous_id: "anon-browser",
          session_id: "sess-browser",
          user_id: "115310627314723954",
        },
      ]);
      const overview = await (
        await h.app.request("/v1/api/analytics/ecommerce/overview?days=1", {
          headers: { authorization: `Bearer ${h.shop.secret_key}` },
        })
      ).json();
      expect(overview).toMatchObject({ total_orders: 1, total_revenue: 86 });
    });
  }

  it("refunds/create refunds the order by its refund transactions, each refund once however often it is delivered, partial refunds adding up", async () => {
    const { h, secret, deliver } = await sourceHarness("shopify");
    const order = shopifyOrderBody();
    await deliver(order, headers(secret, order, "orders/create"));
    const refund = shopifyRefundBody("509562969", "20.00");
    await deliver(refund, headers(secret, refund, "refunds/create", "r-1"));
    await deliver(refund, headers(secret, refund, "refunds/create", "r-1"));
    const second = shopifyRefundBody("509562970", "6.50");
    await deliver(second, headers(secret, second, "refunds/create", "r-2"));
    expect(
      (await orderRows(h))
        .filter((r) => r.event_type === "refund")
        .map((r) => [r.transaction_id, r.revenue, r.seen_by]),
    ).toEqual([
      [SHOPIFY_ORDER_ID, 2000, 2],
      [SHOPIFY_ORDER_ID, 650, 2],
    ]);
    const overview = await (
      await h.app.request("/v1/api/analytics/ecommerce/overview?days=1", {
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      })
    ).json();
    expect(overview).toMatchObject({ total_orders: 1, total_refunds: 2, refund_amount: 26.5, net_revenue: 59.5 });
  });

  it("keeps a verified body that does not map aside with its reason, answering 200", async () => {
    const { h, id, secret, deliver } = await sourceHarness("shopify");
    const body = '{"id": 1, "total_price": "lots"}';
    const res = await deliver(body, headers(secret, body, "orders/create"));
    expect(res.status).toBe(200);
    expect(await h.store.rejectedDeliveries(id)).toEqual([
      expect.objectContaining({ reason: "total_price is not an amount", body }),
    ]);
    const broken = "{ not json";
    expect((await deliver(broken, headers(secret, broken, "orders/create"))).status).toBe(200);
    expect((await h.store.rejectedDeliveries(id)).map((r) => r.reason)).toEqual([
      "total_price is not an amount",
      "the body is not JSON",
    ]);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });
});
