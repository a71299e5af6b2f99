import { describe, expect, it } from "vitest";
import { createTokenBuckets, parseRate } from "./token-buckets.js";
import { clientAddressOf } from "./client-address.js";
import type { Context } from "hono";

describe("token buckets", () => {
  it("start full, refill at the rate up to the burst, and say how long to wait", () => {
    let now = 0;
    const buckets = createTokenBuckets({ rate: 2, burst: 3 }, () => now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBe(1);
    expect(buckets.take("b")).toBe(0);
    now = 500;
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("a")).toBe(1);
    now = 60_000;
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0, 1]);
  });

  it("keep a bounded number of buckets, forgetting the least recently used", () => {
    const now = 0;
    const buckets = createTokenBuckets({ rate: 1, burst: 1 }, () => now, 2);
    buckets.take("a");
    buckets.take("b");
    buckets.take("a");
    buckets.take("c");
    // "b" was forgotten for "c"; "a" was kept (still empty).
    expect(buckets.take("a")).toBe(1);
    expect(buckets.take("b")).toBe(0);
  });

  it("read rates as serve's flags give them", () => {
    expect(parseRate("100/s")).toEqual({ rate: 100, burst: 200 });
    expect(parseRate("600/min:50")).toEqual({ rate: 10, burst: 50 });
    expect(parseRate("off")).toBeNull();
    expect(parseRate("1/h")).toEqual({ rate: 1 / 3600, burst: 1 });
    for (const bad of ["100", "fast", "0/s", "10/s:0", "-1/s"]) expect(typeof parseRate(bad)).toBe("string");
  });

  it("count an IPv6 client by its /64, and read X-Forwarded-For only when told to", () => {
    const c = (remoteAddress: string, forwarded?: string) =>
      ({ env: { incoming: { socket: { remoteAddress } } }, req: { header: () => forwarded } }) as unknown as Context;
    expect(clientAddressOf(c("2001:db8:1:2:3:4:5:6"), false)).toBe("2001:db8:1:2::/64");
    expect(clientAddressOf(c("2001:db8:1:2::9"), false)).toBe("2001:db8:1:2::/64");
    expect(clientAddressOf(c("2001:db8::1"), false)).toBe("2001:db8:0:0::/64");
    expect(clientAddressOf(c("::ffff:198.51.100.4"), false)).toBe("198.51.100.4");
    expect(clientAddressOf(c("10.0.0.1", "203.0.113.5, 198.51.100.4"), false)).toBe("10.0.0.1");
    expect(clientAddressOf(c("10.0.0.1", "203.0.113.5, 198.51.100.4"), true)).toBe("198.51.100.4");
    expect(clientAddressOf(c("10.0.0.1"), true)).toBe("10.0.0.1");
  });
});
