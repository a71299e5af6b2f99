import type { Tx } from "./connect.js";
import { wellFormed } from "./well-formed.js";
import { EVENT_COLUMNS, ITEM_COLUMNS, type StoredEvent, type StoredItem } from "../../model/stored-event.js";

/** Records an event id; false when the appspace already had it (a repeat). */
export async function claimEventId(tx: Tx, appspaceSeq: number, eventId: string): Promise<boolean> {
  const result = await tx`INSERT INTO event_ids (appspace_seq, event_id) VALUES (${appspaceSeq}, ${eventId}) ON CONFLICT DO NOTHING`;
  return result.count > 0;
}

export interface OrderRow {
  event_seq: number | null;
}

/** The stored order (or refund) of a transaction id, locked until the transaction ends. */
export async function findOrder(tx: Tx, appspaceSeq: number, kind: string, transactionId: string): Promise<OrderRow | undefined> {
  return (
    await tx<OrderRow[]>`SELECT event_seq FROM orders WHERE appspace_seq = ${appspaceSeq} AND kind = ${kind} AND transaction_id = ${transactionId} FOR UPDATE`
  )[0];
}

export async function insertOrder(tx: Tx, appspaceSeq: number, kind: string, transactionId: string, eventSeq: number): Promise<void> {
  await tx`INSERT INTO orders (appspace_seq, kind, transaction_id, event_seq) VALUES (${appspaceSeq}, ${kind}, ${transactionId}, ${eventSeq})`;
}

const ITEM_LIST = ITEM_COLUMNS.join(", ");

const FROM_ITEMS = ITEM_COLUMNS.map((c) => `r.${c}`).join(", ");

/**
 * Writes the event row, its items and its properties in one statement (one round trip: the
 * items and properties travel as JSON and are unpacked by the server); returns the row's seq.
 */
export async function insertEvent(tx: Tx, event: StoredEvent): Promise<number> {
  const items = event.items.map((item, position) => wellFormed({ ...item, position, appspace_seq: event.appspace_seq }));
  const [{ seq }] = await tx<{ seq: number }[]>`
    WITH e AS (INSERT INTO events ${tx(event, EVENT_COLUMNS)} RETURNING seq),
    i AS (INSERT INTO event_items (event_seq, position, appspace_seq, ${tx.unsafe(ITEM_LIST)})
          SELECT e.seq, r.position, r.appspace_seq, ${tx.unsafe(FROM_ITEMS)} FROM e, jsonb_populate_recordset(NULL::event_items, ${tx.json(items as never)}::jsonb) r),
    p AS (INSERT INTO event_properties (event_seq, key, value)
          SELECT e.seq, p.key, p.value FROM e, jsonb_each_text(${tx.json(wellFormed(event.properties))}::jsonb) p)
    SELECT seq FROM e`;
  return seq;
}

/** Rewrites a stored event in place (an order merged from browser and server). */
export async function replaceEvent(tx: Tx, seq: number, event: StoredEvent): Promise<void> {
  const items = event.items.map((item, position) => wellFormed({ ...item, position, appspace_seq: event.appspace_seq }));
  await tx`UPDATE events SET ${tx(event, EVENT_COLUMNS)} WHERE seq = ${seq}`;
  await tx`DELETE FROM event_items WHERE event_seq = ${seq}`;
  await tx`DELETE FROM event_properties WHERE event_seq = ${seq}`;
  await tx`INSERT INTO event_items (event_seq, position, appspace_seq, ${tx.unsafe(ITEM_LIST)})
    SELECT ${seq}, r.position, r.appspace_seq, ${tx.unsafe(FROM_ITEMS)} FROM jsonb_populate_recordset(NULL::event_items, ${tx.json(items as never)}::jsonb) r`;
  await tx`INSERT INTO event_properties (event_seq, key, value) SELECT ${seq}, p.key, p.value FROM jsonb_each_text(${tx.json(wellFormed(event.properties))}::jsonb) p`;
}

/** A stored event with its items and properties, as `insertEvent` wrote it. */
export async function loadEvent(tx: Tx, seq: number): Promise<StoredEvent | undefined> {
  const [row] = await tx<StoredEvent[]>`SELECT ${tx(EVENT_COLUMNS)} FROM events WHERE seq = ${seq}`;
  if (!row) return undefined;
  const items = await tx<StoredItem[]>`SELECT ${tx(ITEM_COLUMNS)} FROM event_items WHERE event_seq = ${seq} ORDER BY position`;
  const properties: Record<string, string> = {};
  for (const p of await tx<{ key: string; value: string }[]>`SELECT key, value FROM event_properties WHERE event_seq = ${seq}`) {
    properties[p.key] = p.value;
  }
  return { ...row, items: [...items], properties };
}

/** Links an anonymous id to a user id the first time they are seen together; whether it was new. */
export async function linkIdentity(tx: Tx, appspaceSeq: number, anonymousId: string, userId: string, ts: number): Promise<boolean> {
  const result = await tx`INSERT INTO identities (appspace_seq, anonymous_id, user_id, first_seen)
    VALUES (${appspaceSeq}, ${anonymousId}, ${userId}, ${ts}) ON CONFLICT DO NOTHING`;
  return result.count > 0;
}

/** The user id an anonymous id was stitched to, if any. */
export async function stitchedUser(tx: Tx, appspaceSeq: number, anonymousId: string): Promise<string | undefined> {
  return (await tx<{ user_id: string }[]>`SELECT user_id FROM identities WHERE appspace_seq = ${appspaceSeq} AND anonymous_id = ${anonymousId}`)[0]
    ?.user_id;
}

/** How many purchases the visitor made at or before `ts` (stitched anonymous ids included). */
export async function countVisitorPurchases(tx: Tx, appspaceSeq: number, visitor: { userId?: string; anonymousId?: string }, ts: number): Promise<number> {
  if (visitor.userId) {
    const [{ n }] = await tx<{ n: number }[]>`
      SELECT (SELECT count(*) FROM events
                WHERE appspace_seq = ${appspaceSeq} AND event_type = 'purchase' AND user_id = ${visitor.userId} AND ts <= ${ts})
           + (SELECT count(*) FROM identities i JOIN events e
                ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id AND e.event_type = 'purchase'
               WHERE i.appspace_seq = ${appspaceSeq} AND i.user_id = ${visitor.userId} AND e.user_id IS NULL AND e.ts <= ${ts}) AS n`;
    return n;
  }
  const [{ n }] = await tx<{ n: number }[]>`
    SELECT count(*) AS n FROM events WHERE appspace_seq = ${appspaceSeq} AND event_type = 'purchase'
      AND anonymous_id = ${visitor.anonymousId ?? null} AND user_id IS NULL AND ts <= ${ts}`;
  return n;
}

/** Adds an SDK's report of events it had to drop or let expire. */
export async function addSdkLosses(tx: Tx, appspaceSeq: number, day: number, dropped: number, expired: number): Promise<void> {
  await tx`INSERT INTO sdk_losses AS l (appspace_seq, day, dropped, expired) VALUES (${appspaceSeq}, ${day}, ${dropped}, ${expired})
    ON CONFLICT (appspace_seq, day) DO UPDATE SET dropped = l.dropped + excluded.dropped, expired = l.expired + excluded.expired`;
}

/** Which purchase order ids are stored, with who reported each (an erased order reports 0). */
export async function ordersSeen(tx: Tx, appspaceSeq: number, transactionIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx<{ transaction_id: string; seen_by: number | null }[]>`
    SELECT o.transaction_id, e.seen_by FROM orders o LEFT JOIN events e ON e.seq = o.event_seq
    WHERE o.appspace_seq = ${appspaceSeq} AND o.kind = 'purchase' AND o.transaction_id = ANY(${transactionIds as string[]})`;
  return new Map(rows.map((r) => [r.transaction_id, r.seen_by ?? 0]));
}

/** Which of these event ids the appspace's dedup ledger holds. */
export async function knownEventIds(tx: Tx, appspaceSeq: number, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx<{ event_id: string }[]>`
    SELECT event_id FROM event_ids WHERE appspace_seq = ${appspaceSeq} AND event_id = ANY(${eventIds as string[]})`;
  return new Set(rows.map((r) => r.event_id));
}

/** Stored purchases of the event's visitor (its user id, else its anonymous id) in the `windowMs` of event time up to it, other orders only. */
export async function countRecentPurchases(tx: Tx, event: StoredEvent, windowMs: number): Promise<number> {
  const by = event.user_id !== null ? "user_id" : "anonymous_id";
  const [{ n }] = await tx<{ n: number }[]>`
    SELECT count(*) AS n FROM events WHERE appspace_seq = ${event.appspace_seq} AND event_type = 'purchase'
      AND ${tx(by)} = ${event.user_id ?? event.anonymous_id} AND ts > ${event.ts - windowMs} AND ts <= ${event.ts}
      AND transaction_id IS DISTINCT FROM ${event.transaction_id}`;
  return n;
}
