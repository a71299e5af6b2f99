import { TallyError } from "../errors.js";
import type { AppspaceRow, Store } from "../store.js";
import { hashKey, type KeyKind } from "./keys.js";

export interface Auth {
  appspace: AppspaceRow;
  keyKind: KeyKind;
}

/**
 * The key of a request, looked up in order: `Authorization: Bearer`, then `?key=`, then the
 * body's `key` (a beacon can set neither headers nor, from some SDKs, a query string).
 */
export function keyOf(authorization: string | undefined, queryKey: string | undefined, bodyKey?: unknown): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? (queryKey || undefined) ?? (typeof bodyKey === "string" && bodyKey ? bodyKey : undefined);
}

/** Resolves a key to its appspace and kind; 401 when the key is missing, unknown or revoked. */
export type Authenticate = (key: string | undefined) => Promise<Auth>;

/** How long a key lookup is reused by default: a revoked key stops working within this time. */
export const KEY_CACHE_MS = 1000;
const MAX_CACHED_KEYS = 10_000;

/**
 * Key lookups from the store, each reused for `cacheMs` of real time: every ingest request needs
 * one, and the store would otherwise answer the same question thousands of times a second.
 *
 * @example
 * const authenticate = createAuthenticator(store);
 * const { appspace, keyKind } = await authenticate("pk_…");
 */
export function createAuthenticator(store: Store, cacheMs = KEY_CACHE_MS): Authenticate {
  const cache = new Map<string, { auth: Auth | undefined; until: number }>();
  return async (key) => {
    if (!key) throw new TallyError(401, "auth.missing_key", "API key is required");
    const now = performance.now();
    let hit = cache.get(key);
    if (!hit || hit.until <= now) {
      const found = key.length <= 200 ? await store.findActiveKey(hashKey(key)) : undefined;
      const appspace = found && (await store.findAppspaceBySeq(found.appspace_seq));
      if (cache.size >= MAX_CACHED_KEYS) cache.clear();
      hit = { auth: found && appspace ? { appspace, keyKind: found.kind } : undefined, until: now + cacheMs };
      cache.set(key, hit);
    }
    if (!hit.auth) throw new TallyError(401, "auth.invalid_key", "Invalid API key");
    return hit.auth;
  };
}

/** 403 unless the key is a secret one: publishable keys may only ingest. */
export function requireSecret(auth: Auth): Auth {
  if (auth.keyKind !== "secret") {
    throw new TallyError(403, "auth.secret_key_required", "Secret key required: publishable keys may only send events");
  }
  return auth;
}
