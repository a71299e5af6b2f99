import { randomUUID } from "node:crypto";
import { CURRENCY_PATTERN } from "@tally/schema";
import type { Db } from "../db/open.js";
import { generateKey, hashKey, keyHint, type KeyKind } from "../auth/keys.js";
import { insertKey } from "../auth/keys.queries.js";
import { insertAppspace } from "./appspaces.queries.js";

export interface CreatedAppspace {
  id: string;
  name: string;
  currency: string;
  publishable_key: string;
  secret_key: string;
}

export interface CreateAppspaceOptions {
  name: string;
  /** The base currency every amount is converted to (ISO 4217). */
  currency: string;
  retentionDays?: number;
  now?: number;
}

/**
 * Creates an appspace with one publishable and one secret key. The keys are returned once,
 * in clear; only their hashes are stored.
 *
 * @example
 * const shop = createAppspace(db, { name: "Shop", currency: "EUR" });
 * shop.publishable_key; // "pk_…"
 */
export function createAppspace(db: Db, options: CreateAppspaceOptions): CreatedAppspace {
  const currency = options.currency.toUpperCase();
  if (!CURRENCY_PATTERN.test(currency)) throw new RangeError(`Invalid currency "${options.currency}"`);
  if (!options.name.trim()) throw new RangeError("An appspace needs a name");
  const now = options.now ?? Date.now();
  const id = randomUUID();
  return db.transaction(() => {
    const seq = insertAppspace(db, {
      id,
      name: options.name,
      currency,
      retention_days: options.retentionDays ?? 365,
      created_at: now,
    });
    return {
      id,
      name: options.name,
      currency,
      publishable_key: addKey(db, seq, "publishable", now),
      secret_key: addKey(db, seq, "secret", now),
    };
  })();
}

/** Adds a key of `kind` to the appspace and returns it in clear. */
export function addKey(db: Db, appspaceSeq: number, kind: KeyKind, now = Date.now()): string {
  const key = generateKey(kind);
  insertKey(db, appspaceSeq, kind, hashKey(key), keyHint(key), now);
  return key;
}
