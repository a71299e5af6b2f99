import { describe, expect, it } from "vitest";
import { harness } from "../test-support/harness.js";

const URL = "/serve/collect/conversion";

function conversion(websiteUuid: string, overrides: Record<string, unknown> = {}) {
  return {
    trackingUserId: "62a0317d17698aa57d369db9",
    websiteUuid,
    total: 499.32,
    orderNumber: "110-2347",
    email: "customer@example.com",
    customerId: "53967",
    productNumbers: ["p-1234", "p-4567"],
    ...overrides,
  };
}

describe("POST /serve/collect/conversion (Hello Retail)", () => {
  it("tracks the seed's conversion as a purchase with its line items", async () => {
    const h = await harness();
    const res = await h.post(URL, conversion(h.shop.website_id));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, message: "Conversion tracked" });
    expect(
      await h.rows("SELECT event_type, transaction_id, revenue, user_id, anonymous_id, email FROM events"),
    ).toEqual([
      {
        event_type: "purchase",
        transaction_id: "110-2347",
        revenue: 49932,
        user_id: "53967",
        anonymous_id: "62a0317d17698aa57d369db9",
        email: "customer@example.com",
      },
    ]);
    expect(await h.rows("SELECT item_id, quantity FROM event_items ORDER BY position")).toEqual([
      { item_id: "p-1234", quantity: 1 },
      { item_id: "p-4567", quantity: 1 },
    ]);
  });

  it("takes urls as products and a text/plain body", async () => {
    const h = await harness();
    const body = conversion(h.shop.website_id, {
      productNumbers: undefined,
      urls: ["http://example.com/shop/product-1234"],
    });
    const res = await h.post(URL, JSON.stringify(body), undefined, { "content-type": "text/plain" });
    expect(await res.json()).toEqual({ success: true, message: "Conversion tracked" });
    expect(await h.rows("SELECT item_id FROM event_items")).toEqual([
      { item_id: "http://example.com/shop/product-1234" },
    ]);
  });

  it("counts a repeated conversion once", async () => {
    const h = await harness();
    for (let i = 0; i < 3; i++) await h.post(URL, conversion(h.shop.website_id));
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 1 }]);
  });

  it.each([
    [{ websiteUuid: undefined }, "Website not found"],
    [{ websiteUuid: "4bb65cc4-f2d2-4eb0-80d9-9496f912d2cf" }, "Website not found"],
    [{ websiteUuid: 12 }, "Website not found"],
    [{ productNumbers: undefined }, "You must provide either urls or productNumbers"],
    [{ productNumbers: [{}] }, "productNumbers must be a list of strings"],
    [{ total: undefined }, "total is required"],
    [{ total: "499,32" }, "total must be a number, not a string"],
    [{ orderNumber: undefined }, "orderNumber is required"],
  ])("answers 400 { success: false } for %j", async (overrides, message) => {
    const h = await harness();
    const body = conversion(h.shop.website_id, overrides);
    const res = await h.post(URL, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, message });
    expect(await h.rows("SELECT * FROM events")).toEqual([]);
  });

  it("answers malformed JSON in its own shape", async () => {
    const h = await harness();
    const res = await h.post(URL, "{oops");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, message: "Request body is not valid JSON" });
  });
});

describe("the Hello Retail website id and switch", () => {
  it("takes the website id, never the appspace id, refuses a rotated one, and answers as unknown when switched off", async () => {
    const h = await harness();
    expect(h.shop.website_id).not.toBe(h.shop.id);
    const refused = await h.post(URL, conversion(h.shop.id));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ success: false, message: "Website not found" });
    expect((await h.post(URL, conversion(h.shop.website_id, { orderNumber: "a" }))).status).toBe(200);

    await h.store.updateAppspace(h.shop.id, { website_id: "rotated-website-id" });
    expect((await h.post(URL, conversion(h.shop.website_id, { orderNumber: "b" }))).status).toBe(400);
    expect((await h.post(URL, conversion("rotated-website-id", { orderNumber: "c" }))).status).toBe(200);

    await h.store.updateAppspace(h.shop.id, { hello_retail: 0 });
    const off = await h.post(URL, conversion("rotated-website-id", { orderNumber: "d" }));
    expect(off.status).toBe(400);
    expect(await off.json()).toEqual({ success: false, message: "Website not found" });
    expect(
      (await h.rows("SELECT transaction_id FROM events ORDER BY transaction_id")).map((r) => r.transaction_id),
    ).toEqual(["a", "c"]);
  });
});
