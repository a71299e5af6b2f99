import { TallyError } from "../errors.js";
import type { AppspaceRow, Store } from "../store.js";
import { hashKey, type KeyKind } from "./keys.js";
import { lruCache } from "./lru-cache.js";

export interface Auth {
  appspace: AppspaceRow;
  keyKind: KeyKind;
}

/**
 * A key as a request presented it, and where: only the header may carry a secret key (and the
 * Segment-compatible routes' write key, which Segment's own clients also put in the body).
 */
export interface PresentedKey {
  value: string;
  in: "header" | "query" | "body" | "write-key";
}

/**
 * The key of a request, looked up in order: `Authorization: Bearer`, then `?key=`, then the
 * body's `key` (a beacon can set neither headers nor, from some SDKs, a query string).
 */
export function keyOf(
  authorization: string | undefined,
  queryKey: string | undefined,
  bodyKey?: unknown,
): PresentedKey | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return { value: bearer, in: "header" };
  if (queryKey) return { value: queryKey, in: "query" };
  if (typeof bodyKey === "string" && bodyKey) return { value: bodyKey, in: "body" };
  return undefined;
}

/**
 * Resolves a key to its appspace and kind; 401 when the key is missing, unknown or revoked, and
 * when a secret key came in a URL or a body: a URL ends up in access logs, browser history and
 * Referer headers.
 */
export type Authenticate = (key: PresentedKey | undefined) => Promise<Auth>;

/** How long a key lookup is reused by default: a revoked key stops working within this time. */
export const KEY_CACHE_MS = 1000;
const MAX_CACHED_KEYS = 10_000;
const WHERE = { query: "in ?key=", body: "in the body's key field", "write-key": "in the body's writeKey" } as const;

type Lookup = { auth: Auth | undefined; until: number };

/**
 * Key lookups from the store, each reused for `cacheMs` of real time: every ingest request needs
 * one, and the store would otherwise answer the same question thousands of times a second.
 *
 * @example
 * const authenticate = createAuthenticator(store);
 * const { appspace, keyKind } = await authenticate({ value: "pk_…", in: "header" });
 */
export function createAuthenticator(store: Store, cacheMs = KEY_CACHE_MS): Authenticate {
  // Unknown keys are kept apart: a stream of made-up keys forgets only other made-up keys,
  // never the shops' real ones.
  const known = lruCache<Lookup>(MAX_CACHED_KEYS);
  const unknown = lruCache<Lookup>(MAX_CACHED_KEYS);
  return async (key) => {
    if (!key) throw new TallyError(401, "auth.missing_key", "API key is required");
    const now = performance.now();
    let hit = known.get(key.value) ?? unknown.get(key.value);
    if (!hit || hit.until <= now) {
      const found = key.value.length <= 200 ? await store.findActiveKey(hashKey(key.value)) : undefined;
      const appspace = found && (await store.findAppspaceBySeq(found.appspace_seq));
      hit = { auth: found && appspace ? { appspace, keyKind: found.kind } : undefined, until: now + cacheMs };
      known.delete(key.value);
      unknown.delete(key.value);
      (hit.auth ? known : unknown).set(key.value, hit);
    }
    if (!hit.auth) throw new TallyError(401, "auth.invalid_key", "Invalid API key");
    if (hit.auth.keyKind === "secret" && key.in !== "header") {
      throw new TallyError(
        401,
        "auth.secret_key_outside_header",
        `A secret key belongs in the Authorization header (Authorization: Bearer sk_…), never ${WHERE[key.in]}: revoke this key if the URL or body was logged`,
      );
    }
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
