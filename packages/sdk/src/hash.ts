/** 32 hex digits as a UUID with version `v`. */
const uuid = (hex: string, v: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

/** 32-bit FNV-1a-style lane with its own seed. */
function lane(text: string, seed: number): string {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15);
  return (Math.imul(h ^ (h >>> 13), 0x27d4eb2f) >>> 0).toString(16).padStart(8, "0");
}

/**
 * A 128-bit hash of a string as a UUID-shaped id. Not cryptographic: it only has to be the same
 * for the same key and order id everywhere (browsers without `crypto.subtle` on plain http
 * included), so that a purchase sent twice carries one event id.
 *
 * @example
 * derivedId("pk_live:purchase:order-1") === derivedId("pk_live:purchase:order-1"); // true
 */
export function derivedId(text: string): string {
  return uuid([0x811c9dc5, 0x1b873593, 0xcc9e2d51, 0x9e3779b9].map((seed) => lane(text, seed)).join(""), "8");
}

/** A time-ordered random id (UUID v7 layout), so the collector's dedup index grows at its end. */
export function newId(now = Date.now()): string {
  let hex = now.toString(16).padStart(12, "0");
  while (hex.length < 32) hex += ((Math.random() * 16) | 0).toString(16);
  return uuid(hex, "7");
}
