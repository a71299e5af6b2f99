import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { RejectedDelivery, SourceRow } from "../../model/source.js";

const COLUMNS = "s.id, a.id AS appspace_id, s.kind, s.secret, s.created_at, s.pixel_key";

export function addSource(db: Db, row: SourceRow): void {
  const appspace = prepared<unknown[], { seq: number }>(db, "SELECT seq FROM appspaces WHERE id = ?").get(
    row.appspace_id,
  );
  if (!appspace) throw new RangeError(`no appspace ${row.appspace_id}`);
  prepared(
    db,
    "INSERT INTO sources (id, appspace_seq, kind, secret, created_at, pixel_key) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(row.id, appspace.seq, row.kind, row.secret, row.created_at, row.pixel_key ?? null);
}

export function findSource(db: Db, id: string): SourceRow | undefined {
  return prepared<unknown[], SourceRow>(
    db,
    `SELECT ${COLUMNS} FROM sources s JOIN appspaces a ON a.seq = s.appspace_seq WHERE s.id = ? AND s.removed_at IS NULL`,
  ).get(id);
}

export function listSources(db: Db, appspaceId?: string): SourceRow[] {
  return prepared<unknown[], SourceRow>(
    db,
    `SELECT ${COLUMNS} FROM sources s JOIN appspaces a ON a.seq = s.appspace_seq
     WHERE s.removed_at IS NULL AND (? IS NULL OR a.id = ?) ORDER BY s.created_at, s.id`,
  ).all(appspaceId ?? null, appspaceId ?? null);
}

/** Marks the source removed (its id is never handed out again) and forgets what it remembered. */
export function removeSource(db: Db, id: string, now: number): boolean {
  return db.transaction(() => {
    const removed =
      prepared(db, "UPDATE sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL").run(now, id).changes > 0;
    if (removed) prepared(db, "DELETE FROM source_state WHERE source_id = ?").run(id);
    return removed;
  })();
}

export function sourceState(db: Db, sourceId: string, key: string): string | undefined {
  return prepared<unknown[], { value: string }>(
    db,
    "SELECT value FROM source_state WHERE source_id = ? AND key = ?",
  ).get(sourceId, key)?.value;
}

export function setSourceState(db: Db, sourceId: string, key: string, value: string, onlyIfAbsent = false): boolean {
  const sql = onlyIfAbsent
    ? "INSERT INTO source_state (source_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
    : "INSERT INTO source_state (source_id, key, value) VALUES (?, ?, ?) ON CONFLICT (source_id, key) DO UPDATE SET value = excluded.value";
  return prepared(db, sql).run(sourceId, key, value).changes > 0;
}

export function rejectDelivery(db: Db, row: RejectedDelivery): void {
  prepared(db, "INSERT INTO source_rejected (source_id, received_at, reason, body) VALUES (?, ?, ?, ?)").run(
    row.source_id,
    row.received_at,
    row.reason,
    row.body,
  );
}

export function rejectedDeliveries(db: Db, sourceId: string): RejectedDelivery[] {
  return prepared<unknown[], RejectedDelivery>(
    db,
    "SELECT source_id, received_at, reason, body FROM source_rejected WHERE source_id = ? ORDER BY seq",
  ).all(sourceId);
}

/** What names a person in an appspace, read before an erase removes it: the user id, its stitched anonymous ids, and the emails and anonymous ids of its events. */
export function personNeedles(db: Db, appspace: number, userId: string): string[] {
  const rows = prepared<unknown[], { v: string }>(
    db,
    `SELECT anonymous_id AS v FROM identities WHERE appspace_seq = @appspace AND user_id = @user
     UNION SELECT email FROM events WHERE appspace_seq = @appspace AND email IS NOT NULL AND (user_id = @user
       OR anonymous_id IN (SELECT anonymous_id FROM identities WHERE appspace_seq = @appspace AND user_id = @user))
     UNION SELECT anonymous_id FROM events WHERE appspace_seq = @appspace AND user_id = @user AND anonymous_id IS NOT NULL`,
  ).all({ appspace, user: userId });
  return [userId, ...rows.map((r) => r.v)];
}

/** Removes the appspace's deliveries kept aside whose body holds any of `needles` (an erased person's ids and emails). */
export function eraseRejectedDeliveries(db: Db, appspace: number, needles: string[]): void {
  const remove = prepared(
    db,
    "DELETE FROM source_rejected WHERE source_id IN (SELECT id FROM sources WHERE appspace_seq = ?) AND instr(body, ?) > 0",
  );
  for (const needle of needles) if (needle) remove.run(appspace, needle);
}
