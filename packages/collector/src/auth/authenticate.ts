import type { AppspaceRow } from "../appspaces/appspaces.queries.js";
import { findAppspaceBySeq } from "../appspaces/appspaces.queries.js";
import type { Db } from "../db/open.js";
import { TallyError } from "../errors.js";
import { hashKey, type KeyKind } from "./keys.js";
import { findActiveKey } from "./keys.queries.js";

export interface Auth {
  appspace: AppspaceRow;
  keyKind: KeyKind;
}

/** A key as a request presented it, and where: only the header may carry a secret key. */
export interface PresentedKey {
  value: string;
  in: "header" | "query" | "body";
}

/**
 * The key of a request, looked up in order: `Authorization: Bearer`, then `?key=`, then the
 * body's `key` (a beacon can set neither headers nor, from some SDKs, a query string).
 */
export function keyOf(authorization: string | undefined, queryKey: string | undefined, bodyKey?: unknown): PresentedKey | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return { value: bearer, in: "header" };
  if (queryKey) return { value: queryKey, in: "query" };
  if (typeof bodyKey === "string" && bodyKey) return { value: bodyKey, in: "body" };
  return undefined;
}

const WHERE = { query: "in ?key=", body: "in the body's key field" } as const;

/**
 * The appspace and kind of an active key; 401 when the key is missing, unknown or revoked, and
 * when a secret key came anywhere but the Authorization header: a URL ends up in access logs,
 * browser history and Referer headers.
 */
export function authenticate(db: Db, key: PresentedKey | undefined): Auth {
  if (!key) throw new TallyError(401, "auth.missing_key", "API key is required");
  const found = key.value.length <= 200 ? findActiveKey(db, hashKey(key.value)) : undefined;
  const appspace = found && findAppspaceBySeq(db, found.appspace_seq);
  if (!found || !appspace) throw new TallyError(401, "auth.invalid_key", "Invalid API key");
  if (found.kind === "secret" && key.in !== "header") {
    throw new TallyError(
      401,
      "auth.secret_key_outside_header",
      `A secret key belongs in the Authorization header (Authorization: Bearer sk_…), never ${WHERE[key.in]}: revoke this key if the URL or body was logged`,
    );
  }
  return { appspace, keyKind: found.kind };
}

/** 403 unless the key is a secret one: publishable keys may only ingest. */
export function requireSecret(auth: Auth): Auth {
  if (auth.keyKind !== "secret") {
    throw new TallyError(403, "auth.secret_key_required", "Secret key required: publishable keys may only send events");
  }
  return auth;
}
