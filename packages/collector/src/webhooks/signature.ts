import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `Tally-Signature` header for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * keyed with the secret string exactly as printed (its UTF-8 bytes).
 *
 * @example
 * signatureHeader("whsec_…", body, Date.now()); // "t=1767225600,v1=5f2b…"
 */
export function signatureHeader(secret: string, body: string, now: number): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** Whether a header signs the body with the secret (and is no older than `toleranceS`), as a receiver checks it. */
export function verifySignature(secret: string, body: string, header: string, now: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceS) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
