import type { Tx } from "./connect.js";
import type { RejectedDelivery, SourceRow } from "../../model/source.js";

export async function addSource(tx: Tx, row: SourceRow): Promise<void> {
  const [appspace] = await tx<{ seq: number }[]>`SELECT seq FROM appspaces WHERE id = ${row.appspace_id}`;
  if (!appspace) throw new RangeError(`no appspace ${row.appspace_id}`);
  await tx`INSERT INTO sources (id, appspace_seq, kind, secret, created_at, pixel_key)
    VALUES (${row.id}, ${appspace.seq}, ${row.kind}, ${row.secret}, ${row.created_at}, ${row.pixel_key ?? null})`;
}

const toRow = (r: SourceRow): SourceRow => ({ ...r, created_at: Number(r.created_at) });

export async function findSource(tx: Tx, id: string): Promise<SourceRow | undefined> {
  const [row] = await tx<SourceRow[]>`
    SELECT s.id, a.id AS appspace_id, s.kind, s.secret, s.created_at, s.pixel_key FROM sources s JOIN appspaces a ON a.seq = s.appspace_seq
    WHERE s.id = ${id} AND s.removed_at IS NULL`;
  return row && toRow(row);
}

export async function listSources(tx: Tx, appspaceId?: string): Promise<SourceRow[]> {
  const rows = await tx<SourceRow[]>`
    SELECT s.id, a.id AS appspace_id, s.kind, s.secret, s.created_at, s.pixel_key FROM sources s JOIN appspaces a ON a.seq = s.appspace_seq
    WHERE s.removed_at IS NULL AND (${appspaceId ?? null}::text IS NULL OR a.id = ${appspaceId ?? null}) ORDER BY s.created_at, s.id`;
  return rows.map(toRow);
}

/** Marks the source removed (its id is never handed out again) and forgets what it remembered. */
export async function removeSource(tx: Tx, id: string, now: number): Promise<boolean> {
  const removed = (await tx`UPDATE sources SET removed_at = ${now} WHERE id = ${id} AND removed_at IS NULL`).count > 0;
  if (removed) await tx`DELETE FROM source_state WHERE source_id = ${id}`;
  return removed;
}

export async function sourceState(tx: Tx, sourceId: string, key: string): Promise<string | undefined> {
  const [row] = await tx<
    { value: string }[]
  >`SELECT value FROM source_state WHERE source_id = ${sourceId} AND key = ${key}`;
  return row?.value;
}

export async function setSourceState(
  tx: Tx,
  sourceId: string,
  key: string,
  value: string,
  onlyIfAbsent = false,
): Promise<boolean> {
  const result = onlyIfAbsent
    ? await tx`INSERT INTO source_state (source_id, key, value) VALUES (${sourceId}, ${key}, ${value}) ON CONFLICT DO NOTHING`
    : await tx`INSERT INTO source_state (source_id, key, value) VALUES (${sourceId}, ${key}, ${value})
        ON CONFLICT (source_id, key) DO UPDATE SET value = excluded.value`;
  return result.count > 0;
}

export async function rejectDelivery(tx: Tx, row: RejectedDelivery): Promise<void> {
  await tx`INSERT INTO source_rejected (source_id, received_at, reason, body) VALUES (${row.source_id}, ${row.received_at}, ${row.reason}, ${row.body})`;
}

export async function rejectedDeliveries(tx: Tx, sourceId: string): Promise<RejectedDelivery[]> {
  const rows = await tx<
    RejectedDelivery[]
  >`SELECT source_id, received_at, reason, body FROM source_rejected WHERE source_id = ${sourceId} ORDER BY seq`;
  return rows.map((r) => ({ ...r, received_at: Number(r.received_at) }));
}

/** What names a person in an appspace, read before an erase removes it: the user id, its stitched anonymous ids, and the emails and anonymous ids of its events. */
export async function personNeedles(tx: Tx, appspace: number, userId: string): Promise<string[]> {
  const rows = await tx<{ v: string }[]>`
    SELECT anonymous_id AS v FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}
    UNION SELECT email FROM events WHERE appspace_seq = ${appspace} AND email IS NOT NULL AND (user_id = ${userId}
      OR anonymous_id IN (SELECT anonymous_id FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}))
    UNION SELECT anonymous_id FROM events WHERE appspace_seq = ${appspace} AND user_id = ${userId} AND anonymous_id IS NOT NULL`;
  return [userId, ...rows.map((r) => r.v)];
}

/** Removes the appspace's deliveries kept aside whose body holds any of `needles` (an erased person's ids and emails). */
export async function eraseRejectedDeliveries(tx: Tx, appspace: number, needles: string[]): Promise<void> {
  const wanted = needles.filter(Boolean);
  if (!wanted.length) return;
  await tx`DELETE FROM source_rejected WHERE source_id IN (SELECT id FROM sources WHERE appspace_seq = ${appspace})
    AND EXISTS (SELECT 1 FROM unnest(${wanted}::text[]) AS n(needle) WHERE strpos(body, n.needle) > 0)`;
}
