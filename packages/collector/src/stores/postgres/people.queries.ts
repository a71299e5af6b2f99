import type { Tx } from "./connect.js";
import type { DayRange } from "../../model/time.js";
import type { CoverageRow, FlaggedEvent, JourneyEvent } from "../../store.js";
import { ofReadKey } from "../../model/read-key.js";

/** A person's events (their user id, or an anonymous id stitched to it) in a time window, oldest first. */
export async function journey(
  tx: Tx,
  key: number,
  userId: string,
  start: number,
  end: number,
): Promise<JourneyEvent[]> {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  const rows = await tx<Array<Omit<JourneyEvent, "items"> & { seq: number }>>`
    SELECT seq, event_type, ts, transaction_id, revenue_base FROM events
    WHERE appspace_seq = ${appspace} AND seq IN (SELECT seq FROM events WHERE appspace_seq = ${appspace} AND user_id = ${userId}
                  UNION SELECT e.seq FROM identities i JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
                  WHERE i.appspace_seq = ${appspace} AND i.user_id = ${userId})
      AND ts >= ${start} AND ts < ${end} AND (${unflaggedOnly ? 1 : 0} = 0 OR flagged = 0)
    ORDER BY ts, seq`;
  const items = rows.length
    ? await tx<Array<JourneyEvent["items"][number] & { event_seq: number }>>`
        SELECT event_seq, item_id, item_name, price_base, quantity FROM event_items
        WHERE appspace_seq = ${appspace} AND event_seq = ANY(${rows.map((r) => r.seq)}::bigint[]) ORDER BY event_seq, position`
    : [];
  const bySeq = new Map<number, JourneyEvent["items"]>();
  for (const { event_seq, ...item } of items) {
    let list = bySeq.get(event_seq);
    if (!list) bySeq.set(event_seq, (list = []));
    list.push(item);
  }
  return rows.map(({ seq, ...e }) => ({ ...e, items: bySeq.get(seq) ?? [] }));
}

/** Orders in the range grouped by who reported them (`seen_by`), device, platform, server source and browser door. */
export async function coverage(tx: Tx, key: number, range: DayRange): Promise<CoverageRow[]> {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  return [
    ...(await tx<CoverageRow[]>`
      SELECT seen_by, device_type, platform, server_door, client_door, count(*) AS orders, coalesce(sum(revenue_base), 0) AS revenue
      FROM events WHERE appspace_seq = ${appspace} AND ts >= ${range.startMs} AND ts < ${range.endMs} AND event_type = 'purchase'
        AND (${unflaggedOnly ? 1 : 0} = 0 OR flagged = 0)
      GROUP BY seen_by, device_type, platform, server_door, client_door`),
  ];
}

/** Flagged events in the range, oldest first. */
export async function flaggedEvents(tx: Tx, key: number, range: DayRange): Promise<FlaggedEvent[]> {
  const rows = await tx<Array<Omit<FlaggedEvent, "rules"> & { fraud_rules: string }>>`
    SELECT event_id, event_type, transaction_id, revenue_base, revenue, currency, ts, fraud_rules FROM events
    WHERE appspace_seq = ${ofReadKey(key).appspace} AND flagged = 1 AND ts >= ${range.startMs} AND ts < ${range.endMs} ORDER BY ts, seq`;
  return rows.map(({ fraud_rules, ...e }) => ({ ...e, rules: fraud_rules.split(",") }));
}
