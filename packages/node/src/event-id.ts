import { createHmac, randomUUID } from "node:crypto";

/**
 * The `event_id` of a server-side purchase or refund: an HMAC-SHA256 of the event type and the
 * order id under the secret key, laid out as a UUID version 8 whose variant digit is `a`.
 *
 * The same order always gets the same id, so a retried request or a re-run job is dropped by
 * the collector as a repeat. The browser SDK's ids (random v4 and its derived v8 ones) always
 * have `8` in that digit, so this id never equals the browser's for the same order: if it did,
 * the collector would drop the second arrival as a repeat before merging the two.
 *
 * @example
 * orderEventId("sk_live_1", "purchase", "order-1001"); // "5d0c…-…-8…-a…-…", the same every time
 */
export function orderEventId(key: string, type: "purchase" | "refund", orderId: string | number): string {
  const h = createHmac("sha256", key).update(`${type}:${orderId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A fresh event id for any other event: a UUID v7, time-ordered like the collector's own, which
 * keeps its dedup index append-mostly.
 *
 * @example
 * freshEventId(); // "019a5f3e-8b2c-7d41-9f3a-2b6c1e0d4a77"
 */
export function freshEventId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
