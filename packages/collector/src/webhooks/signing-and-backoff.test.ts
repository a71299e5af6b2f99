import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextAttemptAt, RETRY_FOR_MS } from "./backoff.js";
import { signatureHeader, verifySignature } from "./signature.js";

describe("Tally-Signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'> keyed with the secret's UTF-8 bytes", () => {
    const now = Date.parse("2026-03-15T12:00:00.750Z");
    const body = '{"id":"x","type":"purchase","data":{"name":"Æble"}}';
    const header = signatureHeader("whsec_ü", body, now);
    const t = Math.floor(now / 1000);
    expect(header).toBe(
      `t=${t},v1=${createHmac("sha256", Buffer.from("whsec_ü", "utf8")).update(`${t}.${body}`).digest("hex")}`,
    );
    expect(verifySignature("whsec_ü", body, header, now)).toBe(true);
    expect(verifySignature("whsec_u", body, header, now)).toBe(false);
    expect(verifySignature("whsec_ü", `${body} `, header, now)).toBe(false);
    expect(verifySignature("whsec_ü", body, header, now + 301_000)).toBe(false);
  });
});

describe("retry backoff", () => {
  it("first retry within 5 s, doubling with jitter, capped at an hour, given up after 24 h", () => {
    const created = 0;
    expect(nextAttemptAt(1, created, 0, () => 1)).toBe(5_000);
    expect(nextAttemptAt(1, created, 0, () => 0)).toBe(2_500);
    expect(nextAttemptAt(2, created, 0, () => 1)).toBe(10_000);
    expect(nextAttemptAt(4, created, 0, () => 1)).toBe(40_000);
    expect(nextAttemptAt(20, created, 0, () => 1)).toBe(3_600_000);
    expect(nextAttemptAt(20, created, RETRY_FOR_MS - 3_600_000, () => 1)).toBe(RETRY_FOR_MS);
    expect(nextAttemptAt(20, created, RETRY_FOR_MS - 1_000, () => 1)).toBeUndefined();
  });
});
