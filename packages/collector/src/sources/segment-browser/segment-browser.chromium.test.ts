// Segment's browser library, unchanged, on a shop's page in Chromium, pointed at the collector on
// another origin: the requests it makes (text/plain, Basic auth, CORS preflight) are all answered,
// and what it sends becomes one order with its funnel, campaign and identified visitor.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness } from "../../test-support/harness.js";
import { bundle, launchChromium, listen, shopOrigin } from "../../test-support/chromium.js";

const Q = "/v1/api/analytics/ecommerce";
let browser: Browser;
let library: string;
beforeAll(async () => {
  [browser, library] = await Promise.all([
    launchChromium(),
    bundle(
      `import { AnalyticsBrowser } from "@segment/analytics-next"; (window as any).AnalyticsBrowser = AnalyticsBrowser;`,
      { minify: true },
    ),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A shop page that loads the library as a shop would, with the collector as its API host and no CDN. */
function shopPage(collector: string, writeKey: string) {
  const host = `${new URL(collector).host}/v1`;
  const settings = { integrations: { "Segment.io": { apiKey: writeKey, apiHost: host, protocol: "http" } } };
  const options = { integrations: { "Segment.io": { apiHost: host, protocol: "http" } } };
  return () => `<!doctype html><title>Shop</title><script src="/bundle.js"></script>
<script>window.analytics = AnalyticsBrowser.load({ writeKey: ${JSON.stringify(writeKey)}, cdnSettings: ${JSON.stringify(settings)} }, ${JSON.stringify(options)});</script>`;
}

describe("Segment's browser library (@segment/analytics-next) pointed at the collector", { timeout: 90_000 }, () => {
  it("records page → Product Viewed → Product Added → identify → Order Completed, and a reloaded thank-you page, as one order of the identified visitor", async () => {
    const h = await harness({ clock: Date.now });
    const collector = await listen(h.app);
    const shop = await shopOrigin(shopPage(collector.url, h.shop.publishable_key), library);
    const context = await browser.newContext();
    const page = await context.newPage();
    const failures: string[] = [];
    const seen: string[] = [];
    page.on("requestfailed", (r) => failures.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on("response", (r) => {
      if (r.url().startsWith(collector.url))
        seen.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
      if (r.status() >= 400) failures.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
    });
    let headers: Record<string, string> = {};
    page.on("request", async (r) => {
      if (r.url() === `${collector.url}/v1/t`) headers = await r.allHeaders();
    });
    page.on("console", (m) => {
      if (m.type() === "error") failures.push(`console: ${m.text()}`);
    });
    try {
      // Each call waits for the collector's answer: a navigation would abort a request in flight.
      const call = async (script: string) => {
        const path = `/v1/${script[0]}`;
        const answered = page.waitForResponse(
          (r) => r.request().method() === "POST" && new URL(r.url()).pathname === path,
        );
        await page.evaluate(`(async () => { await window.analytics.${script}; })()`);
        await (await answered).finished();
      };
      await page.goto(`${shop.url}/tee?utm_source=newsletter&utm_medium=email&utm_campaign=spring`);
      await call(`page()`);
      await call(`track("Product Viewed", { product_id: "p1", name: "Tee", price: 20, currency: "USD" })`);
      await call(`track("Product Added", { product_id: "p1", name: "Tee", price: 20, quantity: 2, currency: "USD" })`);
      await page.goto(`${shop.url}/thanks`);
      await call(`identify("user_7", { email: "buyer@example.com" })`);
      const order = `track("Order Completed", { order_id: "SEG-1", total: 45, shipping: 5, currency: "USD", products: [{ product_id: "p1", name: "Tee", price: 20, quantity: 2 }] })`;
      await call(order);
      await page.reload();
      await call(`page()`);
      await call(order);

      const get = async (path: string) =>
        (await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } })).json();
      await expect.poll(async () => (await get("overview?days=1")).total_orders, { timeout: 15_000 }).toBe(1);
      expect(await get("overview?days=1")).toMatchObject({ total_orders: 1, total_revenue: 45, total_items_sold: 2 });
      expect((await get("top-products?days=1")).products).toEqual([
        { item_id: "p1", item_name: "Tee", revenue: 40, quantity: 2, orders: 1 },
      ]);
      const funnel = (await get("funnel?days=1")).steps as Array<{ step: string; count: number }>;
      expect(funnel.slice(0, 2).map((s) => s.count)).toEqual([1, 1]);
      const journey = await get("user-journey?user_id=user_7");
      expect(journey.events.map((e: { event_type: string }) => e.event_type)).toEqual([
        "view_item",
        "add_to_cart",
        "purchase",
      ]);
      // The campaign of the page URL travels on each event the library sends from that page.
      const viewed = await h.rows<{ utm_source: string; utm_campaign: string; page_path: string; seen_by: number }>(
        "SELECT utm_source, utm_campaign, page_path, seen_by FROM events WHERE event_type = 'view_item'",
      );
      expect(viewed).toEqual([{ utm_source: "newsletter", utm_campaign: "spring", page_path: "/tee", seen_by: 1 }]);
      const attribution = await get("attribution?days=1&model=last_click");
      expect(attribution.attributed).toEqual([
        expect.objectContaining({ campaign: "spring", source: "newsletter", medium: "email", revenue: 45, orders: 1 }),
      ]);

      expect(failures).toEqual([]);
      // Cross-origin with an Authorization header: each POST above passed a CORS preflight first.
      expect(headers).toMatchObject({
        authorization: `Basic ${Buffer.from(`${h.shop.publishable_key}:`).toString("base64")}`,
        "content-type": "text/plain",
      });
      expect(seen).toContain("POST /v1/t 200");
      expect(seen).toContain("POST /v1/p 200");
      expect(seen).toContain("POST /v1/i 200");
    } finally {
      await context.close();
      shop.close();
      collector.close();
    }
  });
});

describe("the browser library's routes", () => {
  it("answer a CORS preflight from any origin for Authorization and Content-Type, and /v1/m without a key", async () => {
    const h = await harness();
    const preflight = await h.app.request("/v1/t", {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const metrics = await h.app.request("/v1/m", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ series: [] }),
    });
    expect(metrics.status).toBe(200);
  });

  it("take a batch at /v1/b and the write key from the body, and judge a publishable key's traffic by the bot rule", async () => {
    const h = await harness();
    const message = (id: string, order: string) => ({
      type: "track",
      event: "Order Completed",
      messageId: id,
      anonymousId: "a1",
      properties: { order_id: order, total: 10, currency: "USD" },
    });
    const send = (ua: string, body: unknown) =>
      h.app.request("/v1/b", {
        method: "POST",
        headers: { "content-type": "text/plain", "user-agent": ua },
        body: JSON.stringify(body),
      });
    expect((await send("curl/8.0", { writeKey: h.shop.publishable_key, batch: [message("m1", "B-1")] })).status).toBe(
      200,
    );
    const browserUa =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    expect(
      await (await send(browserUa, { writeKey: h.shop.publishable_key, batch: [message("m2", "B-2")] })).json(),
    ).toEqual({ success: true });
    await h.app.projector.drain();
    expect(await h.rows("SELECT transaction_id, seen_by FROM events")).toEqual([{ transaction_id: "B-2", seen_by: 1 }]);
  });
});
