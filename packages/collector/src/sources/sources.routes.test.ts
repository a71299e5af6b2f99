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
    expect((await deliver(body, { "x-wc-webhook-topic": "order.created", "x-wc-webhook-signature": base64Hmac(secret, body) })).status).toBe(404);
    expect(await hs.store.listSources(hs.shop.id)).toEqual([]);
    expect(await hs.store.removeSource(id, hs.clock.now)).toBe(false);
  });

  it("caps the body before it is read, as every ingest route does", async () => {
    const { deliver } = await sourceHarness("shopify");
    const res = await deliver("x".repeat(1024 * 1024 + 1), { "x-shopify-topic": "orders/create", "x-shopify-hmac-sha256": "AAAA" });
    expect(res.status).toBe(413);
  });

  it("lists the sources of an appspace with what verifying needs, and never another appspace's", async () => {
    const { h, id } = await sourceHarness("stripe", "whsec_abc");
    expect(await h.store.findSource(id)).toEqual({ id, appspace_id: h.shop.id, kind: "stripe", secret: "whsec_abc", created_at: h.clock.now, pixel_key: null });
    expect((await h.store.listSources()).map((s) => s.id)).toEqual([id]);
    expect(await h.store.listSources("some-other-appspace")).toEqual([]);
  });
});
