import type { Sql } from "./connect.js";
import { DAY_MS } from "../../model/time.js";
import { lockPartition } from "./inbox.queries.js";
import { Projection } from "./projection.js";
import { removeEvents } from "./remove-events.js";

/**
 * Removes up to `maxEvents` events older than their appspace's retention, oldest first, in one
 * short transaction holding each appspace's projection partition as it comes to it (whichever
 * collector runs it); how many.
 */
export async function purgeExpired(sql: Sql, now: number, maxEvents: number): Promise<number> {
  return sql.begin(async (tx) => {
    let removed = 0;
    for (const a of await tx<{ seq: number; retention_days: number }[]>`SELECT seq, retention_days FROM appspaces ORDER BY seq`) {
      if (removed >= maxEvents) break;
      await lockPartition(tx, a.seq);
      const cutoff = now - a.retention_days * DAY_MS;
      const old = await tx<{ seq: number }[]>`
        SELECT seq FROM events WHERE appspace_seq = ${a.seq} AND ts < ${cutoff} ORDER BY ts LIMIT ${maxEvents - removed}`;
      removed += await removeEvents(new Projection(tx), a.seq, old.map((r) => r.seq));
      await tx`DELETE FROM sdk_losses WHERE appspace_seq = ${a.seq} AND day < ${Math.floor(cutoff / DAY_MS)}`;
      await tx`DELETE FROM watched_carts WHERE appspace_seq = ${a.seq} AND last_ts < ${cutoff}`;
    }
    return removed;
  });
}
