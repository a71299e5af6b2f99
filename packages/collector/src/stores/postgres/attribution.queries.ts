import type { Tx } from "./connect.js";
import type { DayRange } from "../../model/time.js";
import type { AttributionFacts } from "../../store.js";
import { UNATTRIBUTED_EVERYWHERE as EVERY, type LiveVisitor } from "../../rules/visitor-rollup.js";

/**
 * Credit per channel ('' unattributed) of the purchases in the range whose credit is fixed (with
 * the rows of model '' and window 0, unattributed under every model: `UNATTRIBUTED_EVERYWHERE`),
 * and the visitors whose credit the range decides, whole.
 */
export async function attributionFacts(
  tx: Tx,
  appspace: number,
  range: DayRange,
  model: string,
  windowDays: number,
): Promise<AttributionFacts> {
  const rows = await tx<AttributionFacts["rows"]>`
    SELECT channel, sum(revenue) AS revenue, sum(orders) AS orders FROM credit_days
    WHERE appspace_seq = ${appspace} AND ((model = ${model} AND win = ${windowDays}) OR (model = ${EVERY[0]} AND win = ${EVERY[1]}))
      AND day BETWEEN ${range.startDay} AND ${range.endDay}
    GROUP BY channel HAVING sum(orders) > 0`;
  const live = await tx<{ data: string }[]>`
    SELECT data FROM live_visitors WHERE appspace_seq = ${appspace} AND visitor IN
      (SELECT visitor FROM live_purchases WHERE appspace_seq = ${appspace} AND day BETWEEN ${range.startDay} AND ${range.endDay})`;
  return { rows: [...rows], live: live.map((r) => JSON.parse(r.data) as LiveVisitor) };
}

/** Users and revenue per (cohort month, month). */
export async function cohortCells(tx: Tx, appspace: number) {
  return [
    ...(await tx<{ cohort: number; month: number; users: number; revenue: number }[]>`
      SELECT cohort, month, users, revenue FROM cohort_cells WHERE appspace_seq = ${appspace} AND (users <> 0 OR revenue <> 0)`),
  ];
}
