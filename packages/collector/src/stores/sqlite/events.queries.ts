import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { EVENT_COLUMNS, ITEM_COLUMNS, type StoredEvent, type StoredItem } from "../../model/stored-event.js";

// Positional parameters: binding ~45 values by name costs more than the insert itself.
const INSERT_EVENT = `INSERT INTO events (seq, ${EVENT_COLUMNS.join(", ")}) VALUES (?, ${EVENT_COLUMNS.map(() => "?").join(", ")})`;
const UPDATE_EVENT = `UPDATE events SET ${EVENT_COLUMNS.map((c) => `${c} = @${c}`).join(", ")} WHERE seq = @seq`;
const INSERT_ITEM = `INSERT INTO event_items (event_seq, position, appspace_seq, ${ITEM_COLUMNS.join(", ")})
  VALUES (?, ?, ?, ${ITEM_COLUMNS.map(() => "?").join(", ")})`;

/** Records an event id; false when the appspace already had it (a repeat). */
export function claimEventId(db: Db, appspaceSeq: number, eventId: string): boolean {
  return prepared(db, "INSERT OR IGNORE INTO event_ids (appspace_seq, event_id) VALUES (?, ?)").run(appspaceSeq, eventId)
    .changes > 0;
}

export interface OrderRow {
  event_seq: number | null;
}

export function findOrder(db: Db, appspaceSeq: number, kind: string, transactionId: string): OrderRow | undefined {
  return prepared<unknown[], OrderRow>(
    db,
    "SELECT event_seq FROM orders WHERE appspace_seq = ? AND kind = ? AND transaction_id = ?",
  ).get(appspaceSeq, kind, transactionId);
}

export function insertOrder(db: Db, appspaceSeq: number, kind: string, transactionId: string, eventSeq: number): void {
  prepared(db, "INSERT INTO orders (appspace_seq, kind, transaction_id, event_seq) VALUES (?, ?, ?, ?)").run(
    appspaceSeq,
    kind,
    transactionId,
    eventSeq,
  );
}

/** Writes the event row, its items and its properties, under `seq` (the next free one without it); returns the row's seq. */
export function insertEvent(db: Db, event: StoredEvent, seq?: number): number {
  const values = EVENT_COLUMNS.map((c) => event[c]);
  const stored = Number(prepared(db, INSERT_EVENT).run([seq ?? null, ...values]).lastInsertRowid);
  insertChildren(db, stored, event);
  return stored;
}

/** Rewrites a stored event in place (an order merged from browser and server). */
export function replaceEvent(db: Db, seq: number, event: StoredEvent): void {
  prepared(db, UPDATE_EVENT).run({ ...event, seq });
  prepared(db, "DELETE FROM event_items WHERE event_seq = ?").run(seq);
  prepared(db, "DELETE FROM event_properties WHERE event_seq = ?").run(seq);
  insertChildren(db, seq, event);
}

function insertChildren(db: Db, seq: number, event: StoredEvent): void {
  const insertItem = prepared(db, INSERT_ITEM);
  event.items.forEach((item, position) =>
    insertItem.run([seq, position, event.appspace_seq, ...ITEM_COLUMNS.map((c) => item[c])]),
  );
  const insertProperty = prepared(db, "INSERT INTO event_properties (event_seq, key, value) VALUES (?, ?, ?)");
  for (const key in event.properties) insertProperty.run(seq, key, event.properties[key]);
}

/** A stored event with its items and properties, as `insertEvent` wrote it. */
export function loadEvent(db: Db, seq: number): StoredEvent | undefined {
  const row = prepared<unknown[], Record<string, unknown>>(db, `SELECT ${EVENT_COLUMNS.join(", ")} FROM events WHERE seq = ?`).get(seq);
  if (!row) return undefined;
  const items = prepared<unknown[], StoredItem>(
    db,
    `SELECT ${ITEM_COLUMNS.join(", ")} FROM event_items WHERE event_seq = ? ORDER BY position`,
  ).all(seq);
  const properties: Record<string, string> = {};
  for (const p of prepared<unknown[], { key: string; value: string }>(db, "SELECT key, value FROM event_properties WHERE event_seq = ?").all(seq)) {
    properties[p.key] = p.value;
  }
  return { ...(row as unknown as StoredEvent), items, properties };
}

/** Links an anonymous id to a user id the first time they are seen together; whether it was new. */
export function linkIdentity(db: Db, appspaceSeq: number, anonymousId: string, userId: string, ts: number): boolean {
  return prepared(db, "INSERT OR IGNORE INTO identities (appspace_seq, anonymous_id, user_id, first_seen) VALUES (?, ?, ?, ?)").run(
    appspaceSeq,
    anonymousId,
    userId,
    ts,
  ).changes > 0;
}

/** The user id an anonymous id was stitched to, if any. */
export function stitchedUser(db: Db, appspaceSeq: number, anonymousId: string): string | undefined {
  return prepared<unknown[], { user_id: string }>(
    db,
    "SELECT user_id FROM identities WHERE appspace_seq = ? AND anonymous_id = ?",
  ).get(appspaceSeq, anonymousId)?.user_id;
}

/** How many purchases the visitor made at or before `ts` (stitched anonymous ids included). */
export function countVisitorPurchases(db: Db, appspaceSeq: number, visitor: { userId?: string; anonymousId?: string }, ts: number): number {
  if (visitor.userId) {
    return prepared<[{ appspace: number; user: string; ts: number }], { n: number }>(
      db,
      `SELECT (SELECT count(*) FROM events
                WHERE appspace_seq = @appspace AND event_type = 'purchase' AND user_id = @user AND ts <= @ts)
            -- CROSS JOIN keeps the order: the few stitched ids first, then their purchases by index.
            + (SELECT count(*) FROM identities i CROSS JOIN events e
                 ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id AND e.event_type = 'purchase'
                WHERE i.appspace_seq = @appspace AND i.user_id = @user AND e.user_id IS NULL AND e.ts <= @ts) AS n`,
    ).get({ appspace: appspaceSeq, user: visitor.userId, ts })!.n;
  }
  return prepared<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM events WHERE appspace_seq = ? AND event_type = 'purchase' AND anonymous_id = ?
       AND user_id IS NULL AND ts <= ?`,
  ).get(appspaceSeq, visitor.anonymousId, ts)!.n;
}

/** Adds an SDK's report of events it had to drop or let expire. */
export function addSdkLosses(db: Db, appspaceSeq: number, day: number, dropped: number, expired: number): void {
  prepared(
    db,
    `INSERT INTO sdk_losses (appspace_seq, day, dropped, expired) VALUES (?, ?, ?, ?)
     ON CONFLICT (appspace_seq, day) DO UPDATE SET dropped = dropped + excluded.dropped, expired = expired + excluded.expired`,
  ).run(appspaceSeq, day, dropped, expired);
}

/** Which purchase order ids are stored, with who reported each (an erased order reports 0). */
export function ordersSeen(db: Db, appspaceSeq: number, transactionIds: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  const find = prepared<unknown[], { seen_by: number | null }>(
    db,
    `SELECT e.seen_by FROM orders o LEFT JOIN events e ON e.seq = o.event_seq
     WHERE o.appspace_seq = ? AND o.kind = 'purchase' AND o.transaction_id = ?`,
  );
  for (const id of transactionIds) {
    const row = find.get(appspaceSeq, id);
    if (row) seen.set(id, row.seen_by ?? 0);
  }
  return seen;
}

/** Which of these event ids the appspace's dedup ledger holds. */
export function knownEventIds(db: Db, appspaceSeq: number, eventIds: readonly string[]): Set<string> {
  const find = prepared<unknown[], { n: number }>(db, "SELECT 1 AS n FROM event_ids WHERE appspace_seq = ? AND event_id = ?");
  return new Set(eventIds.filter((id) => find.get(appspaceSeq, id) !== undefined));
}

/** Stored purchases of the event's visitor (its user id, else its anonymous id) in the `windowMs` of event time up to it, other orders only. */
export function countRecentPurchases(db: Db, event: StoredEvent, windowMs: number): number {
  const by = event.user_id !== null ? "user_id" : "anonymous_id";
  const id = event.user_id ?? event.anonymous_id;
  return prepared<unknown[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM events WHERE appspace_seq = ? AND event_type = 'purchase' AND ${by} = ? AND ts > ? AND ts <= ?
       AND transaction_id IS NOT ?`,
  ).get(event.appspace_seq, id, event.ts - windowMs, event.ts, event.transaction_id)!.n;
}
