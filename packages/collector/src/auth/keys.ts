import { createHash, randomBytes } from "node:crypto";

export type KeyKind = "publishable" | "secret";

const PREFIX: Record<KeyKind, string> = { publishable: "pk_", secret: "sk_" };

/** A new random key: `pk_` or `sk_` and 32 base62-ish characters. */
export function generateKey(kind: KeyKind): string {
  return PREFIX[kind] + randomBytes(24).toString("base64url");
}

/** Keys are stored only as their SHA-256. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What a listing shows of a key: its start and end. */
export function keyHint(key: string): string {
  return `${key.slice(0, 7)}…${key.slice(-4)}`;
}
