import type { Tx } from "./connect.js";
import type { DayRange } from "../../model/time.js";
import { FUNNEL_STEPS } from "../../rules/funnel.js";
import type { CartDay } from "../../rules/cart-rollup.js";
import type { CartTotals } from "../../store.js";

// The previous active days a range [first, last] counts from: none (-1), then every day from
// the oldest kept up to the day before the range; each is one seek into rows keyed by prev.
const prevsOf = (lo: number | null, first: number) => {
  const prevs = [-1];
  if (lo !== null) for (let p = lo; p < first; p++) prevs.push(p);
  return prevs;
};

/** Visitors who viewed an item and who added to cart in the range, each on its first such day in it. */
export async function cartVisitors(tx: Tx, appspace: number, range: DayRange) {
  const count = async (kind: string) => {
    const [{ lo }] = await tx<{ lo: number | null }[]>`
      SELECT min(prev) AS lo FROM visitor_days WHERE appspace_seq = ${appspace} AND kind = ${kind} AND prev >= 0`;
    const [{ visitors }] = await tx<{ visitors: number }[]>`
      SELECT coalesce(sum(visitors), 0) AS visitors FROM visitor_days
      WHERE appspace_seq = ${appspace} AND kind = ${kind} AND prev = ANY(${prevsOf(lo, range.startDay)}::int[])
        AND day BETWEEN ${range.startDay} AND ${range.endDay}`;
    return visitors;
  };
  return { viewers: await count("view_item"), adders: await count("add_to_cart") };
}

/** Visitors at each funnel step in the range: walks begun on a visitor's first funnel day in it whose step was done by its last day. */
export async function funnelCounts(tx: Tx, appspace: number, range: DayRange): Promise<number[]> {
  const [{ lo }] = await tx<
    { lo: number | null }[]
  >`SELECT min(prev) AS lo FROM funnel_starts WHERE appspace_seq = ${appspace} AND prev >= 0`;
  const rows = await tx<{ step: number; visitors: number }[]>`
    SELECT step, sum(visitors) AS visitors FROM funnel_starts
    WHERE appspace_seq = ${appspace} AND prev = ANY(${prevsOf(lo, range.startDay)}::int[])
      AND day BETWEEN ${range.startDay} AND ${range.endDay} AND done_day <= ${range.endDay}
    GROUP BY step`;
  return FUNNEL_STEPS.map((_, step) => rows.find((r) => r.step === step)?.visitors ?? 0);
}

/** Carts inside one day of the range, summed; and each cart spanning days that meets the range, by day. */
export async function cartTotals(tx: Tx, appspace: number, range: DayRange): Promise<CartTotals> {
  const [totals] = await tx<{ completed: number; abandoned: number; abandoned_value: number }[]>`
    SELECT coalesce(sum(completed), 0) AS completed, coalesce(sum(abandoned), 0) AS abandoned, coalesce(sum(abandoned_value), 0) AS abandoned_value
    FROM cart_totals WHERE appspace_seq = ${appspace} AND day BETWEEN ${range.startDay} AND ${range.endDay}`;
  const spanning = (
    await tx<{ data: string }[]>`
      SELECT data FROM spanning_carts WHERE appspace_seq = ${appspace} AND last_day >= ${range.startDay} AND first_day <= ${range.endDay}`
  ).map((r) => (JSON.parse(r.data) as CartDay[]).filter(([day]) => day >= range.startDay && day <= range.endDay));
  return { ...totals!, spanning };
}
