import type { Tx } from "./connect.js";
import type { AppspaceChanges, AppspaceRow, KeyRow, NewKey, ResolvedKey } from "../../store.js";

export async function insertAppspace(tx: Tx, row: Omit<AppspaceRow, "seq">): Promise<number> {
  const [{ seq }] = await tx<{ seq: number }[]>`
    INSERT INTO appspaces (id, name, currency, retention_days, created_at, website_id)
    VALUES (${row.id}, ${row.name}, ${row.currency}, ${row.retention_days}, ${row.created_at}, ${row.website_id ?? row.id}) RETURNING seq`;
  return seq;
}

export const findAppspaceBySeq = async (tx: Tx, seq: number) =>
  (await tx<AppspaceRow[]>`SELECT * FROM appspaces WHERE seq = ${seq}`)[0];

export const findAppspaceById = async (tx: Tx, id: string) =>
  (await tx<AppspaceRow[]>`SELECT * FROM appspaces WHERE id = ${id}`)[0];

export const findAppspaceByWebsiteId = async (tx: Tx, websiteId: string) =>
  (await tx<AppspaceRow[]>`SELECT * FROM appspaces WHERE website_id = ${websiteId}`)[0];

export const listAppspaces = async (tx: Tx) => [...(await tx<AppspaceRow[]>`SELECT * FROM appspaces ORDER BY seq`)];

export async function insertKey(tx: Tx, appspaceSeq: number, key: NewKey): Promise<void> {
  await tx`INSERT INTO api_keys (appspace_seq, kind, key_hash, key_hint, created_at)
           VALUES (${appspaceSeq}, ${key.kind}, ${key.hash}, ${key.hint}, ${key.created_at})`;
}

export const findActiveKey = async (tx: Tx, hash: string) =>
  (await tx<ResolvedKey[]>`SELECT appspace_seq, kind FROM api_keys WHERE key_hash = ${hash} AND revoked_at IS NULL`)[0];

export const listKeys = async (tx: Tx, appspaceId: string) => [
  ...(await tx<KeyRow[]>`
    SELECT k.seq, a.id AS appspace_id, k.kind, k.key_hint, k.created_at, k.revoked_at
    FROM api_keys k JOIN appspaces a ON a.seq = k.appspace_seq WHERE a.id = ${appspaceId} ORDER BY k.seq`),
];

/** Revokes by key seq or by the key's hash; whether a key was revoked. */
export async function revokeKey(tx: Tx, by: { seq?: number; hash?: string }, now: number): Promise<boolean> {
  const result = await tx`UPDATE api_keys SET revoked_at = ${now}
    WHERE (seq = ${by.seq ?? null} OR key_hash = ${by.hash ?? null}) AND revoked_at IS NULL`;
  return result.count > 0;
}

const CHANGEABLE = [
  "name",
  "currency",
  "retention_days",
  "plan",
  "quota",
  "max_order_value",
  "currencies",
  "fraud",
  "website_id",
  "hello_retail",
] as const;

/** Writes the given settings of an appspace; the row after, or undefined when there is none. */
export async function updateAppspace(tx: Tx, id: string, changes: AppspaceChanges): Promise<AppspaceRow | undefined> {
  const columns = CHANGEABLE.filter((c) => changes[c] !== undefined);
  if (columns.length) await tx`UPDATE appspaces SET ${tx(changes as never, columns as never)} WHERE id = ${id}`;
  return findAppspaceById(tx, id);
}
