import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../queries/range.js";
import { FUNNEL_STEPS, nextStage } from "../../rules/funnel.js";
import type { CartFacts } from "../../store.js";
import { JOIN_IDENTITY, SD_JOIN_IDENTITY, SD_VISITOR, VISITOR } from "./visitor.js";

type Scope = { appspace: number; start: number; end: number };
const scope = (appspace: number, range: DayRange): Scope => ({ appspace, start: range.startMs, end: range.endMs });
const E_IN_RANGE = "e.appspace_seq = @appspace AND e.ts >= @start AND e.ts < @end";

/** Visitors who viewed an item and visitors who added to cart, in the range (from the session facts). */
export function cartVisitors(db: Db, appspace: number, range: DayRange) {
  return prepared<[{ appspace: number; first: number; last: number }], { viewers: number; adders: number }>(
    db,
    `SELECT count(DISTINCT CASE WHEN sd.viewed THEN ${SD_VISITOR} END) AS viewers,
            count(DISTINCT CASE WHEN sd.added THEN ${SD_VISITOR} END) AS adders
     FROM session_days sd ${SD_JOIN_IDENTITY}
     WHERE sd.appspace_seq = @appspace AND sd.day BETWEEN @first AND @last AND (sd.viewed OR sd.added)`,
  ).get({ appspace, first: range.startDay, last: range.endDay })!;
}

/** Visitors at each funnel step in the range: each visitor's funnel events fed in time order to the funnel automaton. */
export function funnelCounts(db: Db, appspace: number, range: DayRange): number[] {
  const counts: number[] = FUNNEL_STEPS.map(() => 0);
  let visitor: string | undefined;
  let stage = 0;
  const rows = prepared<[Scope], { visitor: string; event_type: string }>(
    db,
    `SELECT ${VISITOR} AS visitor, e.event_type FROM events e ${JOIN_IDENTITY}
     WHERE ${E_IN_RANGE} AND ${VISITOR} IS NOT NULL
       AND e.event_type IN (${FUNNEL_STEPS.map((s) => `'${s}'`).join(", ")})
     ORDER BY visitor, e.ts, e.seq`,
  ).iterate(scope(appspace, range));
  for (const row of rows) {
    if (row.visitor !== visitor) {
      visitor = row.visitor;
      stage = 0;
    }
    const next = nextStage(stage, row.event_type);
    if (next > stage) counts[stage]! += 1;
    stage = next;
  }
  return counts;
}

/**
 * Cart facts in the range, from the per-day cart facts kept at ingest: per cart key (cart_id,
 * else session) what was added and removed (Σ price × quantity in base minor units) and whether
 * a purchase has the same key.
 */
export function cartFacts(db: Db, appspace: number, range: DayRange): CartFacts[] {
  return prepared<[{ appspace: number; first: number; last: number }], CartFacts>(
    db,
    `SELECT cart, sum(added) AS added, sum(removed) AS removed, sum(purchases) > 0 AS purchased, sum(adds) > 0 AS had_add
     FROM cart_days WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last GROUP BY cart`,
  ).all({ appspace, first: range.startDay, last: range.endDay });
}
