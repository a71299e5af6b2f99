import type { Tx } from "./connect.js";

/** Which purchase order ids are stored, with who reported each (an erased order reports 0). */
export async function ordersSeen(
  tx: Tx,
  appspaceSeq: number,
  transactionIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await tx<{ transaction_id: string; seen_by: number | null }[]>`
    SELECT o.transaction_id, e.seen_by FROM orders o LEFT JOIN events e ON e.appspace_seq = o.appspace_seq AND e.seq = o.event_seq
    WHERE o.appspace_seq = ${appspaceSeq} AND o.kind = 'purchase' AND o.transaction_id = ANY(${transactionIds as string[]})`;
  return new Map(rows.map((r) => [r.transaction_id, r.seen_by ?? 0]));
}

/** Which of these event ids the appspace's dedup ledger holds. */
export async function knownEventIds(tx: Tx, appspaceSeq: number, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx<{ event_id: string }[]>`
    SELECT event_id FROM event_ids WHERE appspace_seq = ${appspaceSeq} AND event_id = ANY(${eventIds as string[]})`;
  return new Set(rows.map((r) => r.event_id));
}
