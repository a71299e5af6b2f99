import { randomUUID } from "node:crypto";
import { CURRENCY_PATTERN } from "@tally/schema";
import { generateKey, hashKey, keyHint, type KeyKind } from "../auth/keys.js";
import type { NewKey, Store } from "../store.js";

export interface CreatedAppspace {
  id: string;
  name: string;
  currency: string;
  /** Hello Retail's `websiteUuid` for this appspace: random, separate from the id, rotatable. */
  website_id: string;
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
 * const shop = await createAppspace(store, { name: "Shop", currency: "EUR" });
 * shop.publishable_key; // "pk_…"
 */
export async function createAppspace(store: Store, options: CreateAppspaceOptions): Promise<CreatedAppspace> {
  const currency = options.currency.toUpperCase();
  if (!CURRENCY_PATTERN.test(currency)) throw new RangeError(`Invalid currency "${options.currency}"`);
  if (!options.name.trim()) throw new RangeError("An appspace needs a name");
  const now = options.now ?? Date.now();
  const id = randomUUID();
  const websiteId = randomUUID();
  const publishable = newKey("publishable", now);
  const secret = newKey("secret", now);
  await store.createAppspace(
    {
      id,
      name: options.name,
      currency,
      retention_days: options.retentionDays ?? 365,
      created_at: now,
      website_id: websiteId,
    },
    [publishable.stored, secret.stored],
  );
  return {
    id,
    name: options.name,
    currency,
    website_id: websiteId,
    publishable_key: publishable.key,
    secret_key: secret.key,
  };
}

/** Adds a key of `kind` to the appspace and returns it in clear. */
export async function addKey(store: Store, appspaceSeq: number, kind: KeyKind, now = Date.now()): Promise<string> {
  const { key, stored } = newKey(kind, now);
  await store.addKey(appspaceSeq, stored);
  return key;
}

function newKey(kind: KeyKind, now: number): { key: string; stored: NewKey } {
  const key = generateKey(kind);
  return { key, stored: { kind, hash: hashKey(key), hint: keyHint(key), created_at: now } };
}
