import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Whether `signature` is the base64 HMAC-SHA256 of the raw body under `secret`, as Shopify
 * (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) sign their webhooks;
 * compared in constant time.
 *
 * @example
 * hasBase64HmacSignature(rawBody, request.headers.get("x-shopify-hmac-sha256"), secret);
 */
export function hasBase64HmacSignature(raw: Uint8Array, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", secret).update(raw).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), "base64");
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}
