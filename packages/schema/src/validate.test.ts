import { describe, expect, it } from "vitest";
import { EVENT_TYPES, resolveEventType } from "./event-types.js";
import { parseTimestamp } from "./event.schema.js";
import { validateEvent } from "./validate.js";

const valid = {
  purchase: { transaction_id: "o", revenue: 1 },
  refund: { transaction_id: "o", revenue: 1 },
  spend_credits: { revenue: 1 },
} as Record<string, object>;

describe("validateEvent", () => {
  it("accepts each of the 13 types with its required fields", () => {
    expect(EVENT_TYPES).toHaveLength(13);
    for (const type of EVENT_TYPES) {
      const body = { event_type: type, items: [{ item_id: "a" }], ...valid[type] };
      expect(validateEvent(body)).toMatchObject({ ok: true, value: { event_type: type } });
    }
  });

  it("keeps numeric ids as strings and property values as strings", () => {
    const result = validateEvent({
      event_type: "purchase",
      transaction_id: 42,
      revenue: 1,
      user_id: 7,
      properties: { n: 3, b: true },
    });
    expect(result).toMatchObject({
      ok: true,
      value: { transaction_id: "42", user_id: "7", properties: { n: "3", b: "true" } },
    });
  });

  it("reports the contract's checks in the contract's order", () => {
    expect(validateEvent({ event_type: "purchase" })).toEqual({
      ok: false,
      message: "transaction_id is required for purchase events",
    });
    expect(validateEvent({ event_type: "purchase", transaction_id: "o", revenue: null })).toEqual({
      ok: false,
      message: "revenue is required for purchase events",
    });
    expect(validateEvent("purchase")).toEqual({ ok: false, message: "event must be a JSON object" });
  });

  it("resolves Segment names and leaves unknown ones unknown", () => {
    expect(resolveEventType("Order Completed")).toBe("purchase");
    expect(resolveEventType("order_completed")).toBe("purchase");
    expect(resolveEventType("Product Viewed")).toBe("view_item");
    expect(resolveEventType("toString")).toBeUndefined();
    expect(resolveEventType("Pageview")).toBeUndefined();
  });
});

describe("parseTimestamp", () => {
  it("reads text without an offset as UTC", () => {
    expect(parseTimestamp("2026-01-15T10:30:00")).toBe(Date.parse("2026-01-15T10:30:00Z"));
    expect(parseTimestamp("2026-01-15")).toBe(Date.parse("2026-01-15T00:00:00Z"));
    expect(parseTimestamp("2026-01-15T10:30:00.123+01:00")).toBe(Date.parse("2026-01-15T09:30:00.123Z"));
    expect(parseTimestamp("Jan 15 2026")).toBeNaN();
    expect(parseTimestamp("2026-02-31T00:00:00Z")).toBeNaN();
  });
});

describe("hostile values", () => {
  it("refuses an order id of only whitespace like an empty one", () => {
    for (const id of [" ", "   ", "\t\n", "\u00a0"]) {
      expect(validateEvent({ event_type: "purchase", transaction_id: id, revenue: 1 })).toEqual({
        ok: false,
        message: "transaction_id is required for purchase events",
      });
    }
    expect(validateEvent({ event_type: "purchase", transaction_id: " o ", revenue: 1 }).ok).toBe(true);
  });

  it("refuses a quantity above 1,000,000", () => {
    const event = (quantity: number) => ({ event_type: "add_to_cart", items: [{ item_id: "a", price: 1, quantity }] });
    expect(validateEvent(event(1_000_000)).ok).toBe(true);
    expect(validateEvent(event(1_000_001))).toEqual({
      ok: false,
      message: "items[0].quantity must be at most 1000000",
    });
    expect(validateEvent(event(50_000)).ok).toBe(true);
  });
});
