import { describe, expect, it } from "vitest";
import { base64Hmac, sourceHarness } from "./platform/deliver.test-support.js";
import { harness } from "../test-support/harness.js";

describe("POST /sources/:id", () => {
  it("answers 404 for an unknown source and for a removed one", async () => {
    const h = await harness();
    const unknown = await h.app.request("/sources/src_nope", { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "No source src_nope", code: "source.not_found" });

    const { h: hs, id, secret, deliver } = await sourceHarness("woocommerce");
    expect(await hs.store.removeSource(id, hs.clock.now)).toBe(true);
    const body = "{}";
    expect(
      (
        await deliver(body, {
          "x-wc-webhook-topic": "order.created",
          "x-wc-webhook-signature": base64Hmac(secret, body),
        })
      ).status,
    ).toBe(404);
    expect(await hs.store.listSources(hs.shop.id)).toEqual([]);
    expect(await hs.store.removeSource(id, hs.clock.now)).toBe(false);
  });

  it("caps the body before it is read, as every ingest route does", async () => {
    const { deliver } = await sourceHarness("shopify");
    const res = await deliver("x".repeat(1024 * 1024 + 1), {
      "x-shopify-topic": "orders/create",
      "x-shopify-hmac-sha256": "AAAA",
    });
    expect(res.status).toBe(413);
  });

  it("lists the sources of an appspace with what verifying needs, and never another appspace's", async () => {
    const { h, id } = await sourceHarness("stripe", "whsec_abc");
    expect(await h.store.findSource(id)).toEqual({
      id,
      appspace_id: h.shop.id,
      kind: "stripe",
      secret: "whsec_abc",
      created_at: h.clock.now,
      pixel_key: null,
    });
    expect((await h.store.listSources()).map((s) => s.id)).toEqual([id]);
    expect(await h.store.listSources("some-other-appspace")).toEqual([]);
  });
});

describe("platform orders are the money of record", () => {
  it("are counted by the quota and never refused by it, and are not judged by the bot rule", async () => {
    const { h, secret, deliver } = await sourceHarness("woocommerce");
    await h.store.updateAppspace(h.shop.id, { quota: 1 });
    const order = (id: number) =>
      JSON.stringify({
        id,
        status: "processing",
        currency: "USD",
        total: "10.00",
        date_created_gmt: "2026-03-15T09:00:00",
        line_items: [],
      });
    for (const id of [1, 2, 3]) {
      const body = order(id);
      // Sent by WooCommerce's server, whose User-Agent a browser's bot rule would call a bot.
      const res = await deliver(body, {
        "x-wc-webhook-topic": "order.created",
        "x-wc-webhook-signature": base64Hmac(secret, body),
        "user-agent": "WooCommerce/9.8.0 Hookshot (WordPress/6.8)",
      });
      expect(res.status).toBe(200);
    }
    expect(await h.rows("SELECT transaction_id FROM events ORDER BY transaction_id")).toEqual([
      { transaction_id: "1" },
      { transaction_id: "2" },
      { transaction_id: "3" },
    ]);
    // The browser's traffic is still refused past the quota.
    expect(
      (
        await h.post(
          "/v1/api/analytics/ecommerce/track",
          { event_type: "purchase", transaction_id: "b", revenue: 1 },
          h.shop.publishable_key,
        )
      ).status,
    ).toBe(429);
  });
});

describe("erase", () => {
  it("removes the deliveries kept aside that name the person, with the person's events", async () => {
    const { h, id, secret, deliver } = await sourceHarness("woocommerce");
    const send = (order: Record<string, unknown>) => {
      const body = JSON.stringify(order);
      return deliver(body, {
        "x-wc-webhook-topic": "order.created",
        "x-wc-webhook-signature": base64Hmac(secret, body),
      });
    };
    await send({
      id: 1,
      status: "processing",
      currency: "USD",
      total: "10.00",
      customer_id: 77,
      billing: { email: "ana@example.com" },
      date_created_gmt: "2026-03-15T09:00:00",
      line_items: [],
    });
    // Kept aside: a total that is not an amount; it names the person only by the email.
    await send({
      id: 2,
      status: "processing",
      currency: "USD",
      total: "ten",
      customer_id: 0,
      billing: { email: "ana@example.com" },
    });
    await send({
      id: 3,
      status: "processing",
      currency: "USD",
      total: "ten",
      billing: { email: "someone-else@example.com" },
    });
    expect(await h.store.rejectedDeliveries(id)).toHaveLength(2);
    const erased = await h.app.request("/v1/api/analytics/user/77", {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    expect(erased.status).toBe(200);
    expect((await h.store.rejectedDeliveries(id)).map((r) => JSON.parse(r.body).id)).toEqual([3]);
  });
});
