import { describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { BATCH, harness, seedPurchase, TRACK } from "../test-support/harness.js";
import { base64Hmac } from "../sources/platform/deliver.test-support.js";
import { wooOrder } from "../sources/woocommerce/woocommerce.fixtures.test-support.js";
import { createMetrics } from "./metrics.js";
import { metricsMiddleware } from "./metrics.middleware.js";
import { reasonOf } from "./reason.js";

/** The value of one sample in Prometheus' text format, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    const inside = l.match(/\{(.*)\}/)?.[1]?.split(",") ?? [];
    return wanted.every((w) => inside.includes(w));
  });
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

describe("ingest outcomes, as each route records them", () => {
  it("are counted for every ingest route, SDK, Segment, Segment's browser library, Hello Retail and platform sources", async () => {
    const metrics = createMetrics();
    const h = await harness({ observe: metricsMiddleware(metrics) });
    const pk = h.shop.publishable_key;
    const browser = { "user-agent": BROWSER_USER_AGENT };
    // The SDK: a batch with its key in the body, one event refused and a loss report; a refused /track.
    await h.post(BATCH, { key: pk, events: [seedPurchase(), { event_type: "purchase" }], sdk: { dropped: 3 } });
    await h.post(TRACK, { event_type: "nope" }, pk);
    await h.post(TRACK, seedPurchase({ transaction_id: "t-1" }), pk, browser);
    // Segment's HTTP API (two messages, one not an object) and its browser library's short path.
    const segment = { "content-type": "application/json", authorization: basic(h.shop.secret_key) };
    await h.app.request("/v1/batch", {
      method: "POST",
      headers: segment,
      body: JSON.stringify({
        batch: [{ type: "track", event: "Order Completed", properties: { order_id: "s-1", total: 5 } }, 7],
      }),
    });
    await h.app.request("/v1/t", {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: basic(pk), ...browser },
      body: JSON.stringify({ event: "Order Completed", properties: { order_id: "s-2", total: 5 } }),
    });
    // Hello Retail: one conversion, one unknown website.
    const conversion = (websiteUuid: string) =>
      h.app.request("/serve/collect/conversion", {
        method: "POST",
        body: JSON.stringify({ websiteUuid, orderNumber: "hr-1", total: 10, productNumbers: ["p"] }),
      });
    await conversion(h.shop.website_id);
    await conversion("no-such-website");
    // A WooCommerce order, and a delivery whose signature does not verify.
    await h.store.addSource({ id: "src_woo", appspace_id: h.shop.id, kind: "woocommerce", secret: "s", created_at: 0 });
    const body = JSON.stringify(wooOrder());
    const woo = (secret: string) =>
      h.app.request("/sources/src_woo", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-wc-webhook-topic": "order.created",
          "x-wc-webhook-resource": "order",
          "x-wc-webhook-event": "created",
          "x-wc-webhook-signature": base64Hmac(secret, body),
          "x-wc-webhook-delivery-id": "d-1",
        },
        body,
      });
    expect((await woo("s")).status).toBe(200);
    expect((await woo("not-the-secret")).status).toBe(401);

    const text = await metrics.registry.metrics();
    // 1 (batch) + 1 (track) + 1 (Segment) + 1 (Segment browser) + 1 (Hello Retail) + 1 (WooCommerce)
    expect(sample(text, "tally_events_accepted_total", { appspace: "Shop" })).toBe(6);
    expect(sample(text, "tally_events_accepted_total", { appspace: "unknown" })).toBe(0);
    const rejected = (reason: string) => sample(text, "tally_events_rejected_total", { reason });
    expect(rejected("transaction_id is required for purchase events")).toBe(1);
    expect(rejected("Invalid ecommerce event_type")).toBe(1);
    expect(rejected("message must be a JSON object")).toBe(1);
    expect(rejected("Website not found")).toBe(1);
    expect(text).toMatch(/tally_events_rejected_total\{reason="The woocommerce signature does not verify/);
    expect(sample(text, "tally_sdk_reported_losses_total", { kind: "dropped" })).toBe(3);
    expect(sample(text, "tally_sdk_reported_losses_total", { kind: "expired" })).toBe(0);
  });

  it("count a quota refusal under the appspace's name, in either contract's shape", async () => {
    const metrics = createMetrics();
    const h = await harness({ observe: metricsMiddleware(metrics) });
    await h.store.updateAppspace(h.shop.id, { quota: 1 });
    const browser = { "user-agent": BROWSER_USER_AGENT };
    expect((await h.post(TRACK, seedPurchase({ transaction_id: "q-1" }), h.shop.publishable_key, browser)).status).toBe(
      200,
    );
    expect((await h.post(TRACK, seedPurchase({ transaction_id: "q-2" }), h.shop.publishable_key, browser)).status).toBe(
      429,
    );
    const hr = await h.app.request("/serve/collect/conversion", {
      method: "POST",
      headers: browser,
      body: JSON.stringify({ websiteUuid: h.shop.website_id, orderNumber: "q-3", total: 10, productNumbers: ["p"] }),
    });
    expect(hr.status).toBe(429);
    const text = await metrics.registry.metrics();
    expect(sample(text, "tally_quota_refusals_total", { appspace: "Shop" })).toBe(2);
    expect(sample(text, "tally_events_accepted_total", { appspace: "Shop" })).toBe(1);
  });

  it("keep what varies per event out of the reason", () => {
    expect(reasonOf("events[3]: items[0].price must be ≥ 0")).toBe("items[].price must be ≥ 0");
    expect(reasonOf("batch[2]: message must be a JSON object")).toBe("message must be a JSON object");
    expect(reasonOf("events[9]: unknown fields colour, size")).toBe("unknown field");
    expect(reasonOf(undefined)).toBe("unknown");
    expect(reasonOf("x".repeat(300))).toHaveLength(80);
  });
});
