import { describe, expect, it } from "vitest";
import { buildEvent } from "./event.js";

const visit = { a: "anon", s: "sess", u: "user-1" };

describe("buildEvent", () => {
  it("carries the type, time, ids and page context, then the shop's fields", () => {
    const at = Date.UTC(2026, 0, 15, 10, 30);
    const event = buildEvent(
      "add_to_cart",
      { cart_id: "c1", items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }], context: { locale: "da-DK" } },
      visit,
      at,
    );
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
    const event = buildEvent(
      "purchase",
      { transaction_id: "o-1", revenue: 5, user_id: "53967", coupon_code: "", currency: null as never },
      visit,
      0,
    );
    expect(event.user_id).toBe("53967");
    expect(event).not.toHaveProperty("coupon_code");
    expect(event).not.toHaveProperty("currency");
  });

  it("is plain JSON: what is stored is what is sent, and a cycle fails at the call", () => {
    const event = buildEvent(
      "view_cart",
      { properties: { f: (() => 1) as never, when: new Date(0) as never }, timestamp: undefined },
      visit,
      0,
    );
    expect(event.properties).toEqual({ when: "1970-01-01T00:00:00.000Z" });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => buildEvent("view_cart", { properties: cycle as never }, visit, 0)).toThrow(TypeError);
  });

  it("sends only the fields the collector knows", () => {
    const event = buildEvent("view_cart", {}, { a: "anon", s: "sess" }, 0);
    expect(Object.keys(JSON.parse(JSON.stringify(event))).sort()).toEqual([
      "anonymous_id",
      "context",
      "event_id",
      "event_type",
      "session_id",
      "timestamp",
    ]);
  });
});
