import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../model/time.js";
import { FUNNEL_STEPS } from "../../rules/funnel.js";
import type { CartDay } from "../../rules/cart-rollup.js";
import type { CartTotals } from "../../store.js";

type Days = { appspace: number; first: number; last: number };
const days = (appspace: number, range: DayRange): Days => ({ appspace, first: range.startDay, last: range.endDay });

// The previous active days a range [first, last] counts from: none (-1), then every day from the
// oldest kept up to the day before the range. Each is one seek into rows keyed by prev, so a
// query reads only the rows it counts, however long the range.
const PREVS = `WITH RECURSIVE ps(p) AS (
  SELECT -1 UNION ALL SELECT CASE WHEN p = -1 THEN @lo ELSE p + 1 END FROM ps
  WHERE @lo IS NOT NULL AND CASE WHEN p = -1 THEN @lo ELSE p + 1 END < @first)`;

/**
 * Visitors who viewed an item and visitors who added to cart in the range: each counts on its
 * first such day in the range, the one whose previous such day is before the range.
 */
export function cartVisitors(db: Db, appspace: number, range: DayRange) {
  const count = (kind: string) => {
    const scope = { ...days(appspace, range), kind };
    const lo = prepared<[typeof scope], { lo: number | null }>(
      db,
      "SELECT min(prev) AS lo FROM visitor_days WHERE appspace_seq = @appspace AND kind = @kind AND prev >= 0",
    ).get(scope)!.lo;
    return prepared<[typeof scope & { lo: number | null }], { visitors: number }>(
      db,
      `${PREVS} SELECT coalesce(sum(v.visitors), 0) AS visitors FROM ps CROSS JOIN visitor_days v
       ON v.appspace_seq = @appspace AND v.kind = @kind AND v.prev = ps.p AND v.day BETWEEN @first AND @last`,
    ).get({ ...scope, lo })!.visitors;
  };
  return { viewers: count("view_item"), adders: count("add_to_cart") };
}

/**
 * Visitors at each funnel step in the range: the walks begun on a visitor's first funnel day in
 * the range (previous funnel day before it) whose step was done by the range's last day.
 */
export function funnelCounts(db: Db, appspace: number, range: DayRange): number[] {
  const scope = days(appspace, range);
  const lo = prepared<[Days], { lo: number | null }>(
    db,
    "SELECT min(prev) AS lo FROM funnel_starts WHERE appspace_seq = @appspace AND prev >= 0",
  ).get(scope)!.lo;
  const rows = prepared<[Days & { lo: number | null }], { step: number; visitors: number }>(
    db,
    `${PREVS} SELECT f.step, sum(f.visitors) AS visitors FROM ps CROSS JOIN funnel_starts f
     ON f.appspace_seq = @appspace AND f.prev = ps.p AND f.day BETWEEN @first AND @last AND f.done_day <= @last
     GROUP BY f.step`,
  ).all({ ...scope, lo });
  return FUNNEL_STEPS.map((_, step) => rows.find((r) => r.step === step)?.visitors ?? 0);
}

/** Carts inside one day of the range, summed; and each cart spanning days that meets the range, by day. */
export function cartTotals(db: Db, appspace: number, range: DayRange): CartTotals {
  const d = days(appspace, range);
  const totals = prepared<[Days], { completed: number; abandoned: number; abandoned_value: number }>(
    db,
    `SELECT coalesce(sum(completed), 0) AS completed, coalesce(sum(abandoned), 0) AS abandoned, total(abandoned_value) AS abandoned_value
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
