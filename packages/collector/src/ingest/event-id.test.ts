import { describe, expect, it } from "vitest";
import { uuidv7 } from "./event-id.js";

describe("uuidv7", () => {
  it("is a version 7 UUID whose order follows time", () => {
    const a = uuidv7(Date.parse("2026-01-01T00:00:00Z"));
    const b = uuidv7(Date.parse("2026-01-01T00:00:00.001Z"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(parseInt(a.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(0))).size).toBe(1000);
  });
});
