import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { KeyRow, NewKey, ResolvedKey } from "../../store.js";

export function insertKey(db: Db, appspaceSeq: number, key: NewKey): void {
  prepared(db, "INSERT INTO api_keys (appspace_seq, kind, key_hash, key_hint, created_at) VALUES (?, ?, ?, ?, ?)").run(
    appspaceSeq,
    key.kind,
    key.hash,
    key.hint,
    key.created_at,
  );
}

export function findActiveKey(db: Db, hash: string): ResolvedKey | undefined {
  return prepared<unknown[], ResolvedKey>(
    db,
    "SELECT appspace_seq, kind FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
  ).get(hash);
}

export function listKeys(db: Db, appspaceId: string): KeyRow[] {
  return db
    .prepare(
      `SELECT k.seq, a.id AS appspace_id, k.kind, k.key_hint, k.created_at, k.revoked_at
       FROM api_keys k JOIN appspaces a ON a.seq = k.appspace_seq WHERE a.id = ? ORDER BY k.seq`,
    )
    .all(appspaceId) as KeyRow[];
}

/** Revokes by key seq or by the key itself (its hash); returns whether a key was revoked. */
export function revokeKey(db: Db, by: { seq?: number; hash?: string }, now: number): boolean {
  const result = db
    .prepare("UPDATE api_keys SET revoked_at = ? WHERE (seq = ? OR key_hash = ?) AND revoked_at IS NULL")
    .run(now, by.seq ?? null, by.hash ?? null);
  return result.changes > 0;
}
