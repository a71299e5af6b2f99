import { describe, expect, it } from "vitest";
import { EVENT_ALIASES, EVENT_TYPES, resolveEventType } from "./event-types.js";
import { isOrderType, orderType } from "./order-type.js";

/** Every name the collector knows, with the case and separator slips shops make. */
const names = [...EVENT_TYPES, ...EVENT_ALIASES].flatMap((n) => [n, n.toUpperCase(), n.replace(/[ _]/g, "-"), ` ${n}`]);

describe("orderType", () => {
  it("classifies every name exactly as the collector resolves it", () => {
    for (const name of names) {
      const type = resolveEventType(name);
      expect(orderType(name), name).toBe(type && isOrderType(type) ? type : undefined);
    }
  });

  it("knows the Segment names of both order types, and nothing looser", () => {
    expect(orderType("Order Completed")).toBe("purchase");
    expect(orderType("order_refunded")).toBe("refund");
    expect(orderType("ORDER-COMPLETED")).toBeUndefined();
    expect(orderType("purchases")).toBeUndefined();
    expect(orderType("toString")).toBeUndefined();
  });
});
