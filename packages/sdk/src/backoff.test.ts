import { describe, expect, it } from "vitest";
import { backoff } from "./backoff.js";

describe("backoff", () => {
  it("doubles from 1 s up to 5 minutes, with jitter between half and the whole", () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([0, 1, 2, 3].map((t) => backoff(t, null, low))).toEqual([500, 1000, 2000, 4000]);
    expect(backoff(0, null, high)).toBeCloseTo(1000, 0);
    expect(backoff(20, null, high)).toBeCloseTo(300_000, 0);
    expect(backoff(20, null, low)).toBe(150_000);
  });

  it("spreads retries of many browsers apart", () => {
    const waits = new Set(Array.from({ length: 50 }, () => Math.round(backoff(3))));
    expect(waits.size).toBeGreaterThan(40);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(4000), expect(w).toBeLessThanOrEqual(8000);
  });

  it("honours Retry-After in seconds, at least 1 s, and ignores what it cannot read", () => {
    expect(backoff(5, "120")).toBe(120_000);
    expect(backoff(0, "2")).toBe(2000);
    expect(backoff(0, "0")).toBe(1000);
    expect(backoff(0, "Wed, 21 Oct 2015 07:28:00 GMT", () => 0)).toBe(500);
    expect(backoff(0, "", () => 0)).toBe(500);
  });
});
