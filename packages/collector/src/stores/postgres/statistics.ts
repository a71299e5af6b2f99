import type { Sql } from "./connect.js";

/** The tables a projection step reads by key: the planner's statistics on them decide its plans. */
const LOOKED_UP = "events, event_ids, identities, rollups";

/**
 * Keeps the planner's statistics up with projection. Autovacuum analyzes a table once a minute
 * at best, and a database filled faster than that (a new shop's first import, a burst on a
 * fresh install) is planned from statistics that say its tables are nearly empty: a slice's
 * lookup of a few hundred sessions then read every event of the appspace (measured: ~13 ms a
 * call at 50,000 events, growing with the table). So the tables the projection reads by key are
 * analyzed after the first `first` events this store projected, then each time four times as
 * many have been: a handful of times in a process's life, beside the step rather than inside it,
 * each from a sample of 3,000 rows (a tenth of the default: the plans need the sizes, not fine
 * histograms; autovacuum's own analyze later takes the default sample again).
 */
export function statisticsKeeper(sql: Sql, first = 2000) {
  let projected = 0;
  let next = first;
  let running: Promise<void> | undefined;
  return {
    /** Counts a step's events; past the next mark, analyzes (once at a time, never failing a step). */
    projected(events: number): void {
      projected += events;
      if (projected < next || running) return;
      next = projected * 4;
      // A role that may not analyze a table leaves it to autovacuum: nothing else depends on it.
      running = sql
        .begin(async (tx) => {
          await tx`SET LOCAL default_statistics_target = 10`;
          await tx.unsafe(`ANALYZE ${LOOKED_UP}`);
        })
        .then(
          () => {},
          () => {},
        )
        .finally(() => {
          running = undefined;
        });
    },
    /** Resolves once an analyze in progress is done (closing the store). */
    settled: () => running ?? Promise.resolve(),
  };
}
