import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../queries/range.js";
import { FUNNEL_STEPS } from "../../rules/funnel.js";
import type { CartDay } from "../../rules/cart-rollup.js";
import type { CartTotals } from "../../store.js";

type Days = { appspace: number; first: number; last: number };
const days = (appspace: number, range: DayRange): Days => ({ appspace, first: range.startDay, last: range.endDay });

/**
 * Visitors who viewed an item and visitors who added to cart in the range: each counts on its
 * first such day in the range, the one whose previous such day is before the range.
 */
export function cartVisitors(db: Db, appspace: number, range: DayRange) {
  const rows = prepared<[Days], { kind: string; visitors: number }>(
    db,
    `SELECT kind, sum(visitors) AS visitors FROM visitor_days
     WHERE appspace_seq = @appspace AND kind IN ('view_item', 'add_to_cart') AND day BETWEEN @first AND @last AND prev < @first
     GROUP BY kind`,
  ).all(days(appspace, range));
  const of = (kind: string) => rows.find((r) => r.kind === kind)?.visitors ?? 0;
  return { viewers: of("view_item"), adders: of("add_to_cart") };
}

/**
 * Visitors at each funnel step in the range: the walks begun on a visitor's first funnel day in
 * the range (previous funnel day before it) whose step was done by the range's last day.
 */
export function funnelCounts(db: Db, appspace: number, range: DayRange): number[] {
  const rows = prepared<[Days], { step: number; visitors: number }>(
    db,
    `SELECT step, sum(visitors) AS visitors FROM funnel_starts
     WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last AND prev < @first AND done_day <= @last
     GROUP BY step`,
  ).all(days(appspace, range));
  return FUNNEL_STEPS.map((_, step) => rows.find((r) => r.step === step)?.visitors ?? 0);
}

/** Carts inside one day of the range, summed; and each cart spanning days that meets the range, by day. */
export function cartTotals(db: Db, appspace: number, range: DayRange): CartTotals {
  const d = days(appspace, range);
  const totals = prepared<[Days], { completed: number; abandoned: number; abandoned_value: number }>(
    db,
    `SELECT coalesce(sum(completed), 0) AS completed, coalesce(sum(abandoned), 0) AS abandoned, coalesce(sum(abandoned_value), 0) AS abandoned_value
     FROM cart_totals WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last`,
  ).get(d)!;
  const spanning = prepared<[Days], { data: string }>(
    db,
    "SELECT data FROM spanning_carts WHERE appspace_seq = @appspace AND last_day >= @first AND first_day <= @last",
  )
    .all(d)
    .map((r) => (JSON.parse(r.data) as CartDay[]).filter(([day]) => day >= d.first && day <= d.last));
  return { ...totals, spanning };
}
