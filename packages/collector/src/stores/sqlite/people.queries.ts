import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { JourneyEvent } from "../../store.js";

/** The anonymous ids stitched to a user id. */
export function stitchedAnonymousIds(db: Db, appspace: number, userId: string): string[] {
  return prepared<unknown[], { anonymous_id: string }>(db, "SELECT anonymous_id FROM identities WHERE appspace_seq = ? AND user_id = ?")
    .all(appspace, userId)
    .map((r) => r.anonymous_id);
}

type JourneyRow = Omit<JourneyEvent, "items"> & { seq: number };

/** A person's events (their user id, or an anonymous id stitched to it) in a time window, oldest first. */
export function journey(db: Db, appspace: number, userId: string, start: number, end: number): JourneyEvent[] {
  const rows = prepared<unknown[], JourneyRow>(
    db,
    `SELECT seq, event_type, ts, transaction_id, revenue_base FROM events
     WHERE seq IN (SELECT seq FROM events WHERE appspace_seq = @appspace AND user_id = @user
                   UNION SELECT e.seq FROM identities i CROSS JOIN events e
                     ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
                   WHERE i.appspace_seq = @appspace AND i.user_id = @user)
       AND ts >= @start AND ts < @end
     ORDER BY ts, seq`,
  ).all({ appspace, user: userId, start, end });
  return rows.map(({ seq, ...e }) => ({ ...e, items: itemsOf(db, seq) }));
}

function itemsOf(db: Db, seq: number) {
  return prepared<unknown[], { item_id: string; item_name: string | null; price_base: number | null; quantity: number }>(
    db,
    "SELECT item_id, item_name, price_base, quantity FROM event_items WHERE event_seq = ? ORDER BY position",
  ).all(seq);
}
