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

/**
 * The key of a request, looked up in order: `Authorization: Bearer`, then `?key=`, then the
 * body's `key` (a beacon can set neither headers nor, from some SDKs, a query string).
 */
export function keyOf(authorization: string | undefined, queryKey: string | undefined, bodyKey?: unknown): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? (queryKey || undefined) ?? (typeof bodyKey === "string" && bodyKey ? bodyKey : undefined);
}

/** The appspace and kind of an active key; 401 when the key is missing, unknown or revoked. */
export function authenticate(db: Db, key: string | undefined): Auth {
  if (!key) throw new TallyError(401, "auth.missing_key", "API key is required");
  const found = key.length <= 200 ? findActiveKey(db, hashKey(key)) : undefined;
  const appspace = found && findAppspaceBySeq(db, found.appspace_seq);
  if (!found || !appspace) throw new TallyError(401, "auth.invalid_key", "Invalid API key");
  return { appspace, keyKind: found.kind };
}

/** 403 unless the key is a secret one: publishable keys may only ingest. */
export function requireSecret(auth: Auth): Auth {
  if (auth.keyKind !== "secret") {
    throw new TallyError(403, "auth.secret_key_required", "Secret key required: publishable keys may only send events");
  }
  return auth;
}
