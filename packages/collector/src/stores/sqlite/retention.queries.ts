import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { DAY_MS } from "../../model/time.js";
import { beginRemoval, removeListedEvents } from "./remove-events.js";

/**
 * Removes up to `maxEvents` events older than their appspace's retention, oldest first, in one
 * short transaction (so the projector and queries wait little behind it); how many.
 */
export function purgeExpired(db: Db, now: number, maxEvents: number): number {
  return db
    .transaction(() => {
      let removed = 0;
      for (const a of prepared<[], { seq: number; retention_days: number }>(db, "SELECT seq, retention_days FROM appspaces ORDER BY seq").all()) {
        if (removed >= maxEvents) break;
        const cutoff = now - a.retention_days * DAY_MS;
        beginRemoval(db);
        prepared(db, "INSERT INTO temp.erase_seq (seq) SELECT seq FROM events WHERE appspace_seq = ? AND ts < ? ORDER BY ts LIMIT ?").run(a.seq, cutoff, maxEvents - removed);
        removed += removeListedEvents(db, a.seq);
        prepared(db, "DELETE FROM sdk_losses WHERE appspace_seq = ? AND day < ?").run(a.seq, Math.floor(cutoff / DAY_MS));
        prepared(db, "DELETE FROM watched_carts WHERE appspace_seq = ? AND last_ts < ?").run(a.seq, cutoff);
      }
      return removed;
    })
    .immediate();
}
