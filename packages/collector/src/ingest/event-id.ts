import { randomUUID } from "node:crypto";

/**
 * A UUID v7 (RFC 9562): 48 bits of milliseconds, then random bits. Time-ordered ids keep the
 * dedup ledger's index append-mostly, where random v4 ids would touch a random page each.
 * Built on `randomUUID`, whose entropy is pooled (a `randomBytes` call per id is a syscall).
 *
 * @example
 * uuidv7(); // "019a5f3e-8b2c-7d41-9f3a-2b6c1e0d4a77"
 */
export function uuidv7(now = Date.now()): string {
  const time = now.toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
