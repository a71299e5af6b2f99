import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW, TRACK } from "../test-support/harness.js";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
const purchase = (id: string, revenue: number, extra: Record<string, unknown> = {}) => ({
  event_type: "purchase",
  transaction_id: id,
  revenue,
  currency: "USD",
  ...extra,
});

describe("coverage: what the browser missed", () => {
  it("counts orders and revenue by who reported them, overall and by device and platform", async () => {
    const h = await harness();
    const browser = (ua: string, events: unknown[]) =>
      h.post(BATCH, { events }, h.shop.publishable_key, { "user-agent": ua });
    // Browser only: two on a phone, one on a desktop.
    await browser(IPHONE, [purchase("c1", 10), purchase("c2", 20)]);
    await browser(DESKTOP, [purchase("c3", 30)]);
    // Both: the browser's copy (phone) and the server's, in both arrival orders.
    await browser(IPHONE, [purchase("b1", 40)]);
    await h.post(TRACK, purchase("b1", 41), h.shop.secret_key);
    await h.post(TRACK, purchase("b2", 50), h.shop.secret_key);
    await browser(DESKTOP, [purchase("b2", 49)]);
    // Server only: no device, no platform (a secret key without context); and an old one out of range.
    await h.post(
      BATCH,
      { events: [purchase("s1", 60), purchase("s2", 70), purchase("old", 99, { timestamp: NOW - 40 * 86_400_000 })] },
      h.shop.secret_key,
    );

    const res = await h.app.request("/v1/api/analytics/ecommerce/coverage?days=30", {
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    const body = await res.json();
    expect(body).toEqual({
      orders: { both: 2, client_only: 3, server_only: 2 },
      revenue: { both: 91, client_only: 60, server_only: 130 },
      browser_missed_pct: 28.6,
      server_orders: 4,
      server_by_source: {
        secret_key: { orders: 4, revenue: 221 },
        shopify: { orders: 0, revenue: 0 },
        woocommerce: { orders: 0, revenue: 0 },
        stripe: { orders: 0, revenue: 0 },
        import: { orders: 0, revenue: 0 },
      },
      browser_by_door: {
        script_tag: { orders: 5, revenue: 151 },
        pixel: { orders: 0, revenue: 0 },
        segment_browser: { orders: 0, revenue: 0 },
      },
      by_device: [
        {
          device_type: "mobile",
          orders: { both: 1, client_only: 2, server_only: 0 },
          revenue: { both: 41, client_only: 30, server_only: 0 },
          browser_missed_pct: 0,
        },
        {
          device_type: "desktop",
          orders: { both: 1, client_only: 1, server_only: 0 },
          revenue: { both: 50, client_only: 30, server_only: 0 },
          browser_missed_pct: 0,
        },
        {
          device_type: null,
          orders: { both: 0, client_only: 0, server_only: 2 },
          revenue: { both: 0, client_only: 0, server_only: 130 },
          browser_missed_pct: 100,
        },
      ],
      by_platform: [
        {
          platform: "web",
          orders: { both: 2, client_only: 3, server_only: 0 },
          revenue: { both: 91, client_only: 60, server_only: 0 },
          browser_missed_pct: 0,
        },
        {
          platform: null,
          orders: { both: 0, client_only: 0, server_only: 2 },
          revenue: { both: 0, client_only: 0, server_only: 130 },
          browser_missed_pct: 100,
        },
      ],
      days: 30,
    });
  });

  it("says nothing was missed, with no server orders, for a browser-only shop", async () => {
    const h = await harness();
    await h.post(TRACK, purchase("c1", 10), h.shop.publishable_key);
    const body = await (
      await h.app.request("/v1/api/analytics/ecommerce/coverage", {
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      })
    ).json();
    expect(body).toMatchObject({
      orders: { both: 0, client_only: 1, server_only: 0 },
      server_orders: 0,
      browser_missed_pct: 0,
    });
  });
});

describe("coverage by source and door", () => {
  it("splits server orders by source and browser orders by door, a merged order in both", async () => {
    const h = await harness();
    const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
    // The Shopify pixel's copy (door=pixel) and the Shopify webhook's of one order.
    await h.post(`${BATCH}?door=pixel`, { events: [purchase("p1", 10)] }, h.shop.publishable_key, {
      "user-agent": DESKTOP,
    });
    await h.store.addSource({ id: "src_s", appspace_id: h.shop.id, kind: "shopify", secret: "k", created_at: NOW });
    const body = JSON.stringify({
      id: "p1",
      total_price: "10.00",
      currency: "USD",
      created_at: new Date(NOW).toISOString(),
    });
    const { createHmac } = await import("node:crypto");
    await h.app.request("/sources/src_s", {
      method: "POST",
      headers: {
        "x-shopify-topic": "orders/create",
        "x-shopify-hmac-sha256": createHmac("sha256", "k").update(body).digest("base64"),
      },
      body,
    });
    // Segment's browser library alone; a secret key alone.
    await h.app.request("/v1/t", {
      method: "POST",
      headers: { authorization: basic(h.shop.publishable_key), "content-type": "text/plain", "user-agent": DESKTOP },
      body: JSON.stringify({
        event: "Order Completed",
        anonymousId: "a",
        properties: { order_id: "g1", total: 20, currency: "USD" },
      }),
    });
    await h.post(TRACK, purchase("s1", 30), h.shop.secret_key);
    await h.app.projector.drain();
    const report = await (
      await h.app.request("/v1/api/analytics/ecommerce/coverage?days=1", {
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      })
    ).json();
    expect(report.orders).toEqual({ both: 1, client_only: 1, server_only: 1 });
    expect(report.server_by_source).toMatchObject({
      secret_key: { orders: 1, revenue: 30 },
      shopify: { orders: 1, revenue: 10 },
      stripe: { orders: 0, revenue: 0 },
    });
    expect(report.browser_by_door).toEqual({
      script_tag: { orders: 0, revenue: 0 },
      pixel: { orders: 1, revenue: 10 },
      segment_browser: { orders: 1, revenue: 20 },
    });
  });
});
