// What the projector puts in the webhook outbox, through HTTP and the Store on a real in-memory
// database (delivery itself is webhooks.process.test.ts's).
import { describe, expect, it } from "vitest";
import { staticRates } from "../currency/rates.js";
import { importFeed } from "../sources/order-feed/import-feed.js";
import { harness, NOW, seedPurchase, TEST_RATES, TRACK, type Harness } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { DELIVERY_RETENTION_DAYS, startRetentionJob } from "../policies/retention-job.js";
import { DAY_MS } from "../model/time.js";
import { CART_IDLE_MS, cartAbandonment } from "./cart-watch.js";

async function withWebhook(events: string[]) {
  const h = await harness();
  await h.store.addWebhook({
    id: "wh_1",
    appspace_id: h.shop.id,
    url: "http://127.0.0.1:9/hook",
    events,
    secret: "whsec_x",
    created_at: NOW,
  });
  return h;
}

const outbox = async (h: Harness) =>
  (await h.store.claimDeliveries(Date.now() + 1, 60_000, 100)).map(
    (d) => JSON.parse(d.body) as { id: string; type: string; data: any },
  );

describe("the webhook outbox", () => {
  it("gets one purchase for a browser + server order, and no purchase.updated when the other copy changes nothing", async () => {
    const h = await withWebhook(["purchase"]);
    await h.post(TRACK, seedPurchase(), h.shop.publishable_key, { "user-agent": BROWSER_USER_AGENT });
    await h.post(TRACK, seedPurchase(), h.shop.secret_key);
    await h.post(TRACK, seedPurchase({ transaction_id: "o2" }), h.shop.secret_key);
    await h.post(TRACK, seedPurchase({ transaction_id: "o2", revenue: 60 }), h.shop.publishable_key, {
      "user-agent": BROWSER_USER_AGENT,
    });
    expect((await outbox(h)).map((e) => `${e.type} ${e.data.transaction_id}`)).toEqual([
      "purchase order_456",
      "purchase o2",
    ]);
  });

  it("gets nothing for imported orders, nor for types no webhook subscribed to", async () => {
    const h = await withWebhook(["refund"]);
    const appspace = (await h.store.findAppspaceById(h.shop.id))!;
    const summary = await importFeed(
      [{ where: "line 1", event: { event_type: "refund", transaction_id: "old", revenue: 5 } }],
      { store: h.store, appspace, rates: staticRates(TEST_RATES), clock: () => NOW },
    );
    expect(summary.imported).toBe(1);
    await h.post(TRACK, seedPurchase(), h.shop.secret_key);
    expect(await h.store.webhookBacklog()).toBe(0);
    await h.post(TRACK, { event_type: "refund", transaction_id: "new", revenue: 5 }, h.shop.secret_key);
    expect((await outbox(h)).map((e) => `${e.type} ${e.data.transaction_id}`)).toEqual(["refund new"]);
    expect(await h.store.removeWebhook("wh_1")).toBe(true);
    expect(await h.store.webhookBacklog()).toBe(0);
  });

  it("gets one cart_abandoned per idle cart with items, once; an emptied or bought cart fires nothing", async () => {
    const h = await withWebhook(["cart_abandoned"]);
    const ts = NOW - 2 * CART_IDLE_MS;
    const cart = (cart_id: string, event_type: string, quantity = 2) => ({
      event_type,
      cart_id,
      anonymous_id: `anon-${cart_id}`,
      timestamp: new Date(ts).toISOString(),
      items: [{ item_id: "sku_9", item_name: "Mug", price: 8, quantity }],
    });
    for (const e of [
      cart("c-full", "add_to_cart", 3),
      cart("c-empty", "add_to_cart"),
      cart("c-empty", "remove_from_cart"),
      cart("c-bought", "add_to_cart"),
      { ...seedPurchase({ transaction_id: "o-cart" }), cart_id: "c-bought", timestamp: new Date(ts).toISOString() },
    ])
      expect((await h.post(TRACK, e, h.shop.secret_key)).status).toBe(200);
    const fire = () => h.store.fireAbandonedCarts(NOW - CART_IDLE_MS, cartAbandonment(NOW));
    expect(await fire()).toBe(1);
    expect(await fire()).toBe(0);
    const events = await outbox(h);
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: "cart_abandoned",
        created_at: new Date(NOW).toISOString(),
        appspace_id: h.shop.id,
        data: expect.objectContaining({
          cart_id: "c-full",
          anonymous_id: "anon-c-full",
          value: 24,
          currency: "USD",
          items: [{ item_id: "sku_9", item_name: "Mug", price: 8, quantity: 3 }],
        }),
      },
    ]);
  });

  it("keeps finished deliveries for their retention, then the retention job deletes them; pending ones stay", async () => {
    const h = await withWebhook(["purchase"]);
    for (const id of ["o1", "o2", "o3"]) await h.post(TRACK, seedPurchase({ transaction_id: id }), h.shop.secret_key);
    const [delivered, givenUp, pending] = await h.store.claimDeliveries(Date.now() + 1, 60_000, 100);
    await h.store.finishDelivery(delivered!.seq, { delivered_at: NOW });
    await h.store.finishDelivery(givenUp!.seq, { gave_up_at: NOW + DAY_MS, error: "HTTP 500" });
    await h.store.finishDelivery(pending!.seq, { next_at: NOW + 2 * DAY_MS, error: "HTTP 500" });
    const left = async () =>
      (await h.rows<{ seq: number }>("SELECT seq FROM webhook_deliveries ORDER BY seq")).map((r) => r.seq);

    const purgeAt = async (now: number) => {
      const job = startRetentionJob({ store: h.store, clock: () => now, log: () => {} });
      await job.purge();
      await job.stop();
    };
    await purgeAt(NOW + DELIVERY_RETENTION_DAYS * DAY_MS);
    expect(await left()).toEqual([delivered!.seq, givenUp!.seq, pending!.seq]);
    await purgeAt(NOW + DELIVERY_RETENTION_DAYS * DAY_MS + 1);
    expect(await left()).toEqual([givenUp!.seq, pending!.seq]);
    await purgeAt(NOW + (DELIVERY_RETENTION_DAYS + 100) * DAY_MS);
    expect(await left()).toEqual([pending!.seq]);
  });
});
