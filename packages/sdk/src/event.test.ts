import { describe, expect, it } from "vitest";
import { conversionFields } from "./conversion.js";
import { buildEvent } from "./event.js";
import { checkEvent, orderType, TallyUsageError } from "./event-types.js";

const visit = { a: "anon", s: "sess", u: "user-1" };

describe("buildEvent", () => {
  it("carries the type, time, ids and page context, then the shop's fields", () => {
    const at = Date.UTC(2026, 0, 15, 10, 30);
    const event = buildEvent("add_to_cart", { cart_id: "c1", items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }], context: { locale: "da-DK" } }, visit, at);
    expect(event).toMatchObject({
      event_type: "add_to_cart",
      timestamp: "2026-01-15T10:30:00.000Z",
      anonymous_id: "anon",
      session_id: "sess",
      user_id: "user-1",
      cart_id: "c1",
      items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }],
      context: { platform: "web", page_url: location.href, locale: "da-DK" },
    });
  });

  it("lets the event's own user id win, and leaves out fields a template rendered empty", () => {
    const event = buildEvent("purchase", { transaction_id: "o-1", revenue: 5, user_id: "53967", coupon_code: "", currency: null as never }, visit, 0);
    expect(event.user_id).toBe("53967");
    expect(event).not.toHaveProperty("coupon_code");
    expect(event).not.toHaveProperty("currency");
  });

  it("is plain JSON: what is stored is what is sent, and a cycle fails at the call", () => {
    const event = buildEvent("view_cart", { properties: { f: (() => 1) as never, when: new Date(0) as never }, timestamp: undefined }, visit, 0);
    expect(event.properties).toEqual({ when: "1970-01-01T00:00:00.000Z" });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => buildEvent("view_cart", { properties: cycle as never }, visit, 0)).toThrow(TypeError);
  });

  it("sends only the fields the collector knows", () => {
    const event = buildEvent("view_cart", {}, { a: "anon", s: "sess" }, 0);
    expect(Object.keys(JSON.parse(JSON.stringify(event))).sort()).toEqual(["anonymous_id", "context", "event_id", "event_type", "session_id", "timestamp"]);
  });
});

describe("conversionFields (Hello Retail's trackConversion)", () => {
  it("maps total, orderNumber, email, customerId and productNumbers to a purchase with line items", () => {
    expect(conversionFields({ total: 499.32, orderNumber: "110-2347", email: "customer@example.com", customerId: "53967", productNumbers: ["p-1234", "p-4567"] })).toEqual({
      transaction_id: "110-2347",
      revenue: 499.32,
      email: "customer@example.com",
      user_id: "53967",
      items: [{ item_id: "p-1234" }, { item_id: "p-4567" }],
    });
  });

  it("takes urls when there are no product numbers, a currency when given, and a total rendered as text", () => {
    expect(conversionFields({ total: "10.50", orderNumber: 7, currency: "DKK", urls: ["http://example.com/shop/product-1234"] })).toMatchObject({
      transaction_id: 7,
      revenue: 10.5,
      currency: "DKK",
      items: [{ item_id: "http://example.com/shop/product-1234" }],
    });
  });
});

describe("orderType", () => {
  it("knows purchases and refunds under their Segment and MetaRouter names", () => {
    expect(["purchase", "Order Completed", "order_completed"].map(orderType)).toEqual(["purchase", "purchase", "purchase"]);
    expect(["refund", "Order Refunded", "order_refunded"].map(orderType)).toEqual(["refund", "refund", "refund"]);
    expect(["add_to_cart", "Product Added", "purchased"].map(orderType)).toEqual([undefined, undefined, undefined]);
  });
});

describe("checkEvent (npm build)", () => {
  it("answers one of the 13 types for the Segment names", () => {
    const names = {
      "Order Completed": "purchase",
      "Product Added": "add_to_cart",
      "Checkout Started": "begin_checkout",
      "Cart Viewed": "view_cart",
      "Product Viewed": "view_item",
      "Products Searched": "search",
      "Payment Info Entered": "add_payment_info",
      checkout_started: "begin_checkout",
    };
    const fields = { transaction_id: "o", revenue: 1, items: [{ item_id: "x" }] };
    for (const [name, type] of Object.entries(names)) expect(checkEvent(name, fields)).toBe(type);
  });

  it("fails at the call on a wrong event", () => {
    expect(() => checkEvent("page_view", {})).toThrow(TallyUsageError);
    expect(() => checkEvent("purchase", { revenue: 10 })).toThrow(/transaction_id/);
    expect(() => checkEvent("Order Completed", { transaction_id: "o", revenue: "10" })).toThrow(/revenue \(a number\)/);
    expect(() => checkEvent("view_item", { items: [] })).toThrow(/items is required/);
    expect(() => checkEvent("view_cart", { colour: "red" })).toThrow(/unknown field "colour"/);
  });
});
