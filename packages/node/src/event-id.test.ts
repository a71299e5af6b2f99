import { derivedId, randomId } from "@tally/sdk";
import { describe, expect, it } from "vitest";
import { freshEventId, orderEventId } from "./event-id.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

describe("orderEventId", () => {
  it("is the same for the same key, type and order, and a UUID v8", () => {
    expect(orderEventId("sk_1", "purchase", "A-1")).toBe(orderEventId("sk_1", "purchase", "A-1"));
    expect(orderEventId("sk_1", "purchase", 1001)).toBe(orderEventId("sk_1", "purchase", "1001"));
    expect(orderEventId("sk_1", "purchase", "A-1")).toMatch(UUID);
  });

  it("differs by key, by type and by order", () => {
    const ids = new Set([
      orderEventId("sk_1", "purchase", "A-1"),
      orderEventId("sk_2", "purchase", "A-1"),
      orderEventId("sk_1", "refund", "A-1"),
      orderEventId("sk_1", "purchase", "A-2"),
    ]);
    expect(ids.size).toBe(4);
  });

  it("never equals an id the browser SDK makes for the same order, nor any of its ids", () => {
    for (let n = 0; n < 2000; n++) {
      const order = `order-${n}`;
      for (const key of ["sk_live_1", "pk_live_1"]) {
        for (const type of ["purchase", "refund"] as const) {
          const server = orderEventId(key, type, order);
          expect(server).not.toBe(derivedId(`${key}:${type}:${order}`));
          // The browser's ids all have 8 where the server's have a: they cannot meet.
          expect(derivedId(`${key}:${type}:${order}`)[19]).toBe("8");
          expect(server[19]).toBe("a");
        }
      }
      expect(randomId()[19]).toMatch(/[89ab]/);
    }
  });
});

describe("freshEventId", () => {
  it("is a time-ordered UUID v7, new each time", () => {
    const a = freshEventId(1_700_000_000_000);
    const b = freshEventId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(freshEventId(5)).not.toBe(freshEventId(5));
  });
});
