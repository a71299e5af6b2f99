import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { FlaggedEvent, JourneyEvent } from "../../store.js";
import type { DayRange } from "../../model/time.js";
import { ofReadKey } from "../../model/read-key.js";

/** The anonymous ids stitched to a user id. */
export function stitchedAnonymousIds(db: Db, appspace: number, userId: string): string[] {
  return prepared<unknown[], { anonymous_id: string }>(
    db,
    "SELECT anonymous_id FROM identities WHERE appspace_seq = ? AND user_id = ?",
  )
    .all(appspace, userId)
    .map((r) => r.anonymous_id);
}

type JourneyRow = Omit<JourneyEvent, "items"> & { seq: number };

/** A person's events (their user id, or an anonymous id stitched to it) in a time window, oldest first. */
export function journey(db: Db, key: number, userId: string, start: number, end: number): JourneyEvent[] {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  const rows = prepared<unknown[], JourneyRow>(
    db,
    `SELECT seq, event_type, ts, transaction_id, revenue_base FROM events
     WHERE seq IN (SELECT seq FROM events WHERE appspace_seq = @appspace AND user_id = @user
                   UNION SELECT e.seq FROM identities i CROSS JOIN events e
                     ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
                   WHERE i.appspace_seq = @appspace AND i.user_id = @user)
       AND ts >= @start AND ts < @end AND (@unflagged = 0 OR flagged = 0)
     ORDER BY ts, seq`,
  ).all({ appspace, user: userId, start, end, unflagged: unflaggedOnly ? 1 : 0 });
  return rows.map(({ seq, ...e }) => ({ ...e, items: itemsOf(db, seq) }));
}

function itemsOf(db: Db, seq: number) {
  return prepared<
    unknown[],
    { item_id: string; item_name: string | null; price_base: number | null; quantity: number }
  >(db, "SELECT item_id, item_name, price_base, quantity FROM event_items WHERE event_seq = ? ORDER BY position").all(
    seq,
  );
}

/** Flagged events in the range, oldest first. */
export function flaggedEvents(db: Db, appspace: number, range: DayRange): FlaggedEvent[] {
  return prepared<unknown[], Omit<FlaggedEvent, "rules"> & { fraud_rules: string }>(
    db,
    `SELECT event_id, event_type, transaction_id, revenue_base, revenue, currency, ts, fraud_rules FROM events INDEXED BY events_flagged
     WHERE appspace_seq = ? AND flagged = 1 AND ts >= ? AND ts < ? ORDER BY ts, seq`,
  )
    .all(ofReadKey(appspace).appspace, range.startMs, range.endMs)
    .map(({ fraud_rules, ...e }) => ({ ...e, rules: fraud_rules.split(",") }));
}
