import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { EVENT_COLUMNS, ITEM_COLUMNS, type StoredEvent, type StoredItem } from "../../model/stored-event.js";

// Positional parameters: binding ~45 values by name costs more than the insert itself.
const INSERT_EVENT = `INSERT INTO events (seq, ${EVENT_COLUMNS.join(", ")}) VALUES (?, ${EVENT_COLUMNS.map(() => "?").join(", ")})`;
const UPDATE_EVENT = `UPDATE events SET ${EVENT_COLUMNS.map((c) => `${c} = @${c}`).join(", ")} WHERE seq = @seq`;
const INSERT_ITEM = `INSERT INTO event_items (event_seq, position, appspace_seq, ${ITEM_COLUMNS.join(", ")})
  VALUES (?, ?, ?, ${ITEM_COLUMNS.map(() => "?").join(", ")})`;

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
  const row = prepared<unknown[], Record<string, unknown>>(
    db,
    `SELECT ${EVENT_COLUMNS.join(", ")} FROM events WHERE seq = ?`,
  ).get(seq);
  if (!row) return undefined;
  const items = prepared<unknown[], StoredItem>(
    db,
    `SELECT ${ITEM_COLUMNS.join(", ")} FROM event_items WHERE event_seq = ? ORDER BY position`,
  ).all(seq);
  const properties: Record<string, string> = {};
  for (const p of prepared<unknown[], { key: string; value: string }>(
    db,
    "SELECT key, value FROM event_properties WHERE event_seq = ?",
  ).all(seq)) {
    properties[p.key] = p.value;
  }
  return { ...(row as unknown as StoredEvent), items, properties };
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
  const find = prepared<unknown[], { n: number }>(
    db,
    "SELECT 1 AS n FROM event_ids WHERE appspace_seq = ? AND event_id = ?",
  );
  return new Set(eventIds.filter((id) => find.get(appspaceSeq, id) !== undefined));
}
