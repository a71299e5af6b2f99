import { describe, expect, it } from "vitest";
import { checkConversion, checkEvent } from "./check-event.js";
import { TallyError, TallyUsageError } from "./errors.js";

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
    expect(() => checkEvent("Order Completed", { transaction_id: "o", revenue: "10" as never })).toThrow(
      /revenue \(a number\)/,
    );
    expect(() => checkEvent("view_item", { items: [] })).toThrow(/items is required/);
    expect(() => checkEvent("view_cart", { colour: "red" } as never)).toThrow(/unknown field "colour"/);
  });
});

describe("checkConversion (npm build)", () => {
  it("refuses what the collector's Hello Retail route refuses, in Hello Retail's words", () => {
    expect(() => checkConversion({ total: 1, orderNumber: "o" })).toThrow(
      /You must provide either urls or productNumbers/,
    );
    expect(() => checkConversion({ total: 1, orderNumber: "o", urls: [""] })).toThrow(/urls must be a list of strings/);
    const conversion = { total: 1, orderNumber: "o", productNumbers: ["p"] };
    expect(checkConversion(conversion)).toBe(conversion);
  });

  it("throws a typed error with a stable code", () => {
    try {
      checkConversion({ total: 1, orderNumber: "o" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TallyUsageError);
      expect(error).toBeInstanceOf(TallyError);
      expect(error).toMatchObject({ name: "TallyUsageError", code: "sdk.invalid_event" });
    }
  });
});
