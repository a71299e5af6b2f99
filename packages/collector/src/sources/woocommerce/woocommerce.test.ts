import { describe, expect, it } from "vitest";
import { base64Hmac, browserPurchase, orderRows, sourceHarness } from "../platform/deliver.test-support.js";
import { wooOrder, type WooOptions } from "./woocommerce.fixtures.test-support.js";

const headers = (secret: string, body: string, topic: string, delivery = "d-1") => ({
  "x-wc-webhook-source": "https://shop.example/",
  "x-wc-webhook-topic": topic,
  "x-wc-webhook-resource": "order",
  "x-wc-webhook-event": topic.split(".")[1]!,
  "x-wc-webhook-signature": base64Hmac(secret, body),
  "x-wc-webhook-id": "12",
  "x-wc-webhook-delivery-id": delivery,
});

async function woo() {
  const s = await sourceHarness("woocommerce");
  const send = (topic: string, options: WooOptions = {}, delivery?: string) => {
    const body = JSON.stringify(wooOrder(options));
    return s.deliver(body, headers(s.secret, body, topic, delivery));
  };
  return { ...s, send };
}

describe("WooCommerce webhooks", () => {
  it("a processing order becomes a server-side purchase with its items, coupon, customer and UTC time", async () => {
    const { h, send } = await woo();
    expect((await send("order.created")).status).toBe(200);
    const [order] = await h.rows("SELECT * FROM events");
    expect(order).toMatchObject({
      event_type: "purchase",
      transaction_id: "727",
      revenue: 4270,
      currency: "EUR",
      discount: 500,
      shipping: 490,
      tax: 380,
      coupon_code: "welcome5",
      user_id: "26",
      email: "ana@example.com",
      seen_by: 2,
      ts: Date.parse("2026-03-15T09:30:30Z"),
    });
    expect(await h.rows("SELECT item_id, item_name, price, quantity FROM event_items ORDER BY position")).toEqual([
      { item_id: "WOO-1", item_name: "Woo Single #1", price: 1200, quantity: 2 },
      { item_id: "22", item_name: "Ship Your Idea", price: 1500, quantity: 1 },
    ]);
  });

  it("a pending order is nothing yet; the update that makes it processing is the purchase, the later ones add nothing", async () => {
    const { h, send } = await woo();
    await send("order.created", { status: "pending" }, "d-1");
    expect(await orderRows(h)).toEqual([]);
    await send("order.updated", { status: "processing" }, "d-2");
    await send("order.updated", { status: "processing" }, "d-2");
    await send("order.updated", { status: "completed" }, "d-3");
    expect(await orderRows(h)).toEqual([
      expect.objectContaining({ event_type: "purchase", transaction_id: "727", revenue: 4270 }),
    ]);
  });

  it("answers the unsigned ping WooCommerce sends when a webhook is saved, and 401 for a wrong, missing or outdated signature", async () => {
    const { h, secret, deliver } = await woo();
    const ping = await deliver("webhook_id=12", { "content-type": "application/x-www-form-urlencoded" });
    expect(ping.status).toBe(200);
    const body = JSON.stringify(wooOrder());
    expect((await deliver(body, headers("not-the-secret", body, "order.created"))).status).toBe(401);
    const { "x-wc-webhook-signature": _, ...unsigned } = headers(secret, body, "order.created");
    expect((await deliver(body, unsigned)).status).toBe(401);
    expect((await deliver(body.replace('"42.70"', '"0.01"'), headers(secret, body, "order.created"))).status).toBe(401);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });

  it("joins the browser's visit through the _tally order meta, and merges with the browser's copy before or after", async () => {
    for (const browserFirst of [true, false]) {
      const { h, send } = await woo();
      if (browserFirst) await browserPurchase(h, "727", { currency: "EUR" });
      await send("order.created", { cookie: encodeURIComponent("anon-browser.sess-browser"), customerId: 0 });
      if (!browserFirst) await browserPurchase(h, "727", { currency: "EUR" });
      expect(await orderRows(h)).toEqual([
        {
          event_type: "purchase",
          transaction_id: "727",
          revenue: 4270,
          currency: "EUR",
          seen_by: 3,
          anonymous_id: "anon-browser",
          session_id: "sess-browser",
          user_id: null,
        },
      ]);
    }
  });

  it("the order's refunds[] are refunds of it, each once, absolute values of their negative totals, adding up", async () => {
    const { h, send } = await woo();
    await send("order.created");
    await send("order.updated", { refunds: [{ id: 801, total: "-10.00" }] }, "d-2");
    await send("order.updated", { refunds: [{ id: 801, total: "-10.00" }] }, "d-2");
    await send(
      "order.updated",
      {
        refunds: [
          { id: 802, total: "-2.70" },
          { id: 801, total: "-10.00" },
        ],
      },
      "d-3",
    );
    expect(
      (await orderRows(h))
        .filter((r) => r.event_type === "refund")
        .map((r) => [r.transaction_id, r.revenue, r.currency]),
    ).toEqual([
      ["727", 1000, "EUR"],
      ["727", 270, "EUR"],
    ]);
    const overview = await (
      await h.app.request("/v1/api/analytics/ecommerce/overview?days=1", {
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      })
    ).json();
    expect(overview).toMatchObject({ total_orders: 1, total_refunds: 2 });
  });

  it("a refunded order without refunds[] refunds its whole total", async () => {
    const { h, send } = await woo();
    await send("order.updated", { status: "refunded" });
    expect(await orderRows(h)).toEqual([
      expect.objectContaining({ event_type: "purchase", revenue: 4270 }),
      expect.objectContaining({ event_type: "refund", transaction_id: "727", revenue: 4270 }),
    ]);
  });
});
