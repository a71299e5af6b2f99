import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { serve, type ServerType } from "@hono/node-server";
import { Analytics } from "@segment/analytics-node";
import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import { afterEach, describe, expect, it } from "vitest";
import { harness, NOW, type Harness } from "../../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../../test-support/browser.js";

const Q = "/v1/api/analytics/ecommerce";
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const servers: ServerType[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function post(h: Harness, path: string, body: unknown, headers: Record<string, string>) {
  const res = await h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  await h.app.projector.drain();
  return res;
}

async function query(h: Harness, path: string) {
  return (await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } })).json();
}

const orderCompleted = (overrides: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Order Completed",
  userId: "user_1",
  anonymousId: "anon_1",
  messageId: "m-1",
  timestamp: new Date(NOW - 3_600_000).toISOString(),
  context: {
    campaign: { source: "newsletter", medium: "email", name: "spring" },
    page: { url: "https://shop.example/thanks", path: "/thanks" },
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)",
  },
  properties: {
    order_id: "ord-1",
    total: 55.5,
    revenue: 50,
    shipping: 5,
    tax: 0.5,
    discount: 2,
    coupon: "SPRING",
    currency: "USD",
    gift_wrap: true,
    products: [
      {
        product_id: "p1",
        sku: "SKU-1",
        name: "Tee",
        category: "Shirts",
        brand: "Brand",
        variant: "Red",
        price: 20,
        quantity: 2,
        coupon: "TEE",
        url: "https://shop.example/p1",
        image_url: "https://shop.example/p1.jpg",
      },
      { sku: "SKU-2", name: "Socks", price: 15.5, quantity: 1 },
    ],
  },
  ...overrides,
});

describe("Segment-compatible ingest", () => {
  it("maps Order Completed to a purchase with its line items, campaign and device", async () => {
    const h = await harness();
    const res = await post(h, "/v1/track", orderCompleted(), { authorization: basic(h.shop.secret_key) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    const [order] = await h.rows("SELECT * FROM events");
    expect(order).toMatchObject({
      event_type: "purchase",
      event_id: "m-1",
      transaction_id: "ord-1",
      revenue: 5550,
      shipping: 500,
      tax: 50,
      discount: 200,
      coupon_code: "SPRING",
      user_id: "user_1",
      anonymous_id: "anon_1",
      utm_source: "newsletter",
      utm_medium: "email",
      utm_campaign: "spring",
      page_path: "/thanks",
      device_type: "mobile",
      seen_by: 2,
      ts: NOW - 3_600_000,
    });
    expect(
      await h.rows(
        "SELECT item_id, item_name, item_category, item_brand, item_variant, item_image_url, price, quantity, coupon_code FROM event_items ORDER BY position",
      ),
    ).toEqual([
      {
        item_id: "p1",
        item_name: "Tee",
        item_category: "Shirts",
        item_brand: "Brand",
        item_variant: "Red",
        item_image_url: "https://shop.example/p1.jpg",
        price: 2000,
        quantity: 2,
        coupon_code: "TEE",
      },
      {
        item_id: "SKU-2",
        item_name: "Socks",
        item_category: null,
        item_brand: null,
        item_variant: null,
        item_image_url: null,
        price: 1550,
        quantity: 1,
        coupon_code: null,
      },
    ]);
    expect(await h.rows("SELECT key, value FROM event_properties")).toEqual([{ key: "gift_wrap", value: "true" }]);
    expect((await query(h, "revenue-by-channel")).channels[0]).toMatchObject({
      campaign: "spring",
      source: "newsletter",
      medium: "email",
      orders: 1,
    });
  });

  it("takes the write key from Basic auth over the body's writeKey, and answers 401 for an unknown one", async () => {
    const h = await harness();
    const body = { writeKey: "sk_not_a_key", batch: [orderCompleted()] };
    expect((await post(h, "/v1/batch", body, { authorization: basic(h.shop.publishable_key) })).status).toBe(200);
    expect(await h.rows("SELECT seen_by FROM events")).toEqual([{ seen_by: 1 }]);
    const wrong = await post(
      h,
      "/v1/batch",
      { ...body, writeKey: h.shop.secret_key },
      { authorization: basic("pk_nope") },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "Invalid API key", code: "auth.invalid_key" });
  });

  it("reads gzip bodies without a Content-Type, dated by originalTimestamp", async () => {
    const h = await harness();
    const { timestamp: _, ...message } = orderCompleted();
    const body = gzipSync(
      JSON.stringify({ batch: [{ ...message, originalTimestamp: new Date(NOW - 7_200_000).toISOString() }] }),
    );
    const res = await h.app.request("/v1/batch", {
      method: "POST",
      headers: { authorization: basic(h.shop.secret_key), "content-encoding": "gzip" },
      body,
    });
    await h.app.projector.drain();
    expect(res.status).toBe(200);
    expect(await h.rows("SELECT ts FROM events")).toEqual([{ ts: NOW - 7_200_000 }]);
  });

  it("maps refunds and product events, ignores events Tally has no type for, and links identities", async () => {
    const h = await harness();
    const key = { authorization: basic(h.shop.publishable_key) };
    const res = await post(
      h,
      "/v1/batch",
      {
        batch: [
          {
            type: "track",
            event: "Product Viewed",
            anonymousId: "anon_9",
            properties: { product_id: "p1", name: "Tee", price: 20 },
          },
          {
            type: "track",
            event: "Product Added",
            anonymousId: "anon_9",
            properties: { cart_id: "cart-9", sku: "SKU-1", price: 20, quantity: 3 },
          },
          { type: "track", event: "Newsletter Signed Up", anonymousId: "anon_9" },
          { type: "screen", name: "Home", anonymousId: "anon_9" },
        ],
      },
      key,
    );
    expect(await res.json()).toEqual({ success: true });
    expect(await h.rows("SELECT event_type, cart_id FROM events ORDER BY seq")).toEqual([
      { event_type: "view_item", cart_id: null },
      { event_type: "add_to_cart", cart_id: "cart-9" },
    ]);
    await post(h, "/v1/identify", { userId: "user_9", anonymousId: "anon_9", traits: { email: "x@example.com" } }, key);
    const journey = await query(h, "user-journey?user_id=user_9");
    expect(journey.events.map((e: { event_type: string }) => e.event_type)).toEqual(["view_item", "add_to_cart"]);
    await post(
      h,
      "/v1/track",
      orderCompleted({
        event: "Order Refunded",
        messageId: "r-1",
        properties: { order_id: "ord-1", total: 10, currency: "USD" },
      }),
      { authorization: basic(h.shop.secret_key) },
    );
    expect(await h.rows("SELECT event_type, transaction_id, revenue FROM events WHERE event_type = 'refund'")).toEqual([
      { event_type: "refund", transaction_id: "ord-1", revenue: 1000 },
    ]);
  });

  it("judges identity links from a publishable key like events: a bot's client links nothing", async () => {
    const h = await harness();
    const browser = { authorization: basic(h.shop.publishable_key), "user-agent": BROWSER_USER_AGENT };
    await post(
      h,
      "/v1/track",
      { type: "track", event: "Product Viewed", anonymousId: "victim", properties: { product_id: "p1" } },
      browser,
    );
    await post(
      h,
      "/v1/track",
      { type: "track", event: "Product Viewed", anonymousId: "shopper", properties: { product_id: "p2" } },
      browser,
    );
    const journey = async (user: string) => (await query(h, `user-journey?user_id=${user}`)).events.length;
    // From curl with the public key: answered as accepted, linked to nothing.
    for (const path of ["/v1/identify", "/v1/alias"]) {
      const res = await post(
        h,
        path,
        { userId: "attacker", anonymousId: "victim", previousId: "victim" },
        { authorization: basic(h.shop.publishable_key), "user-agent": "curl/8.5.0" },
      );
      expect(res.status, path).toBe(200);
    }
    expect(await journey("attacker")).toBe(0);
    // A lone surrogate in an id: never linked (it could never be erased).
    await post(h, "/v1/identify", { userId: "u\ud800", anonymousId: "shopper" }, browser);
    expect(await h.rows("SELECT * FROM identities WHERE user_id NOT IN ('buyer')")).toEqual([]);
    // The browser itself, and the shop's server from curl, do link.
    await post(h, "/v1/identify", { userId: "buyer", anonymousId: "shopper" }, browser);
    expect(await journey("buyer")).toBe(1);
    await post(
      h,
      "/v1/identify",
      { userId: "server-linked", anonymousId: "victim" },
      { authorization: basic(h.shop.secret_key), "user-agent": "curl/8.5.0" },
    );
    expect(await journey("server-linked")).toBe(1);
  });

  it("answers a clear 400 for a message the ingest contract refuses, and for a body that is not a batch", async () => {
    const h = await harness();
    const key = { authorization: basic(h.shop.secret_key) };
    const res = await post(h, "/v1/track", orderCompleted({ properties: { total: 10 } }), key);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "transaction_id is required for purchase events",
      code: "ingest.invalid_event",
    });
    const batch = await post(h, "/v1/batch", { messages: [] }, key);
    expect(await batch.json()).toEqual({ error: "batch array is required", code: "segment.batch_required" });
    const partial = await post(
      h,
      "/v1/batch",
      { batch: [orderCompleted({ properties: { total: 10 } }), orderCompleted({ messageId: "ok" })] },
      key,
    );
    expect(await partial.json()).toEqual({
      success: true,
      errors: ["events[0]: transaction_id is required for purchase events"],
    });
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 1 }]);
  });
});

describe("the real Segment and RudderStack clients", { timeout: 30_000 }, () => {
  async function listening() {
    const h = await harness();
    h.clock.now = Date.now();
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" });
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    return { h, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const order = {
    event: "Order Completed",
    userId: "buyer",
    properties: {
      order_id: "A-100",
      total: 42.5,
      currency: "USD",
      products: [
        { product_id: "p1", name: "Tee", price: 20, quantity: 2 },
        { product_id: "p2", price: 2.5, quantity: 1 },
      ],
    },
  };
  const refund = {
    event: "Order Refunded",
    userId: "buyer",
    properties: { order_id: "A-100", total: 10, currency: "USD" },
  };

  async function expectOneOrder(h: Harness) {
    await h.app.projector.drain();
    const overview = await query(h, "overview?days=1");
    expect(overview).toMatchObject({
      total_orders: 1,
      total_revenue: 42.5,
      total_refunds: 1,
      refund_amount: 10,
      total_items_sold: 3,
    });
    const products = await query(h, "top-products?days=1");
    expect(products.products).toEqual([
      { item_id: "p1", item_name: "Tee", revenue: 40, quantity: 2, orders: 1 },
      { item_id: "p2", item_name: null, revenue: 2.5, quantity: 1, orders: 1 },
    ]);
  }

  it("@segment/analytics-node: an order sent twice with one messageId and once with another is one order; a refund sent twice counts once", async () => {
    const { h, url } = await listening();
    const analytics = new Analytics({ writeKey: h.shop.secret_key, host: url, flushAt: 2, maxRetries: 1 });
    const failures: unknown[] = [];
    analytics.on("error", (error) => failures.push(error));
    analytics.track({ ...order, messageId: "seg-1" });
    analytics.track({ ...order, messageId: "seg-1" });
    analytics.track({ ...order, messageId: "seg-2" });
    analytics.track({ ...refund, messageId: "seg-r1" });
    analytics.track({ ...refund, messageId: "seg-r2" });
    analytics.identify({ userId: "buyer", anonymousId: "anon-b" });
    await analytics.closeAndFlush();
    expect(failures).toEqual([]);
    await expectOneOrder(h);
  });

  it("@rudderstack/rudder-sdk-node (gzip, no Content-Type, originalTimestamp): the same", async () => {
    const { h, url } = await listening();
    const client = new RudderAnalytics(h.shop.secret_key, {
      dataPlaneUrl: url,
      flushAt: 2,
      flushInterval: 50,
      logLevel: "error",
    });
    const sent = (message: Record<string, unknown>) =>
      new Promise<void>((resolve, reject) =>
        client.track(message as never, (error?: unknown) => (error ? reject(error) : resolve())),
      );
    await Promise.all([
      sent({ ...order, messageId: "rs-1" }),
      sent({ ...order, messageId: "rs-1" }),
      sent({ ...order, messageId: "rs-2" }),
      sent({ ...refund, messageId: "rs-r1" }),
      sent({ ...refund, messageId: "rs-r2" }),
    ]);
    await client.flush();
    await expectOneOrder(h);
  });
});
