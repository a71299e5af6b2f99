import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../model/time.js";
import type { AttributionFacts } from "../../store.js";
import { UNATTRIBUTED_EVERYWHERE, type LiveVisitor } from "../../rules/visitor-rollup.js";

type Scope = {
  appspace: number;
  first: number;
  last: number;
  model: string;
  win: number;
  everyModel: string;
  everyWin: number;
};

/**
 * Credit per channel ('' unattributed) of the purchases in the range whose credit is fixed (with
 * the rows of model '' and window 0, unattributed under every model: `UNATTRIBUTED_EVERYWHERE`), and
 * the visitors whose credit the range decides (one of their sessions spans days), whole.
 */
export function attributionFacts(
  db: Db,
  appspace: number,
  range: DayRange,
  model: string,
  windowDays: number,
): AttributionFacts {
  const [everyModel, everyWin] = UNATTRIBUTED_EVERYWHERE;
  const scope: Scope = {
    appspace,
    first: range.startDay,
    last: range.endDay,
    model,
    win: windowDays,
    everyModel,
    everyWin,
  };
  const rows = prepared<[Scope], { channel: string; revenue: number; orders: number }>(
    db,
    // Two ranges of the key, each walked by it (an OR would make SQLite walk the whole appspace).
    `SELECT channel, total(revenue) AS revenue, sum(orders) AS orders FROM (
       SELECT channel, revenue, orders FROM credit_days
       WHERE appspace_seq = @appspace AND model = @model AND win = @win AND day BETWEEN @first AND @last
       UNION ALL
       SELECT channel, revenue, orders FROM credit_days
       WHERE appspace_seq = @appspace AND model = @everyModel AND win = @everyWin AND day BETWEEN @first AND @last)
     GROUP BY channel HAVING sum(orders) > 0`,
  ).all(scope);
  const live = prepared<[Scope], { data: string }>(
    db,
    `SELECT data FROM live_visitors WHERE appspace_seq = @appspace AND visitor IN
       (SELECT visitor FROM live_purchases WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last)`,
  ).all(scope);
  return { rows, live: live.map((r) => JSON.parse(r.data) as LiveVisitor) };
}

/** Users and revenue per (cohort month, month). */
export function cohortCells(db: Db, appspace: number) {
  return prepared<[number], { cohort: number; month: number; users: number; revenue: number }>(
    db,
    "SELECT cohort, month, users, revenue FROM cohort_cells WHERE appspace_seq = ? AND (users <> 0 OR revenue <> 0)",
  ).all(appspace);
}
