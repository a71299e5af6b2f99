import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../model/time.js";
import type { BreakdownColumn, OrderTotals, ProductSales } from "../../store.js";
import { coverDays } from "../../rules/day-blocks.js";
import { ofReadKey } from "../../model/read-key.js";

type Days = { appspace: number; first: number; last: number };
const days = (appspace: number, range: DayRange): Days => ({ appspace, first: range.startDay, last: range.endDay });

/** Orders, refunds and items sold in the range, in base minor units (from the facts per day). */
export function orderTotals(db: Db, appspace: number, range: DayRange): OrderTotals {
  return prepared<[Days], OrderTotals>(
    db,
    `SELECT coalesce(sum(orders), 0) AS orders, total(revenue) AS revenue, coalesce(sum(refunds), 0) AS refunds,
            total(refund_amount) AS refund_amount, coalesce(sum(items_sold), 0) AS items_sold,
            coalesce(sum(anon_orders), 0) AS anonymous_orders, total(anon_revenue) AS anonymous_revenue
     FROM fact_days WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last`,
  ).get(days(appspace, range))!;
}

/** Revenue and orders per UTC day that had any. */
export function revenueByDay(db: Db, appspace: number, range: DayRange) {
  return prepared<[Days], { day: number; revenue: number; orders: number }>(
    db,
    `SELECT day, revenue, orders FROM fact_days
     WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last AND orders > 0`,
  ).all(days(appspace, range));
}

type Breakdown = { key: string; revenue: number; orders: number; discount: number };

function breakdown(db: Db, appspace: number, range: DayRange, dim: string): Breakdown[] {
  return prepared<[Days & { dim: string }], Breakdown>(
    db,
    `SELECT key, total(revenue) AS revenue, sum(orders) AS orders, total(discount) AS discount FROM breakdown_days
     WHERE appspace_seq = @appspace AND dim = @dim AND day BETWEEN @first AND @last
     GROUP BY key HAVING sum(orders) > 0 ORDER BY revenue DESC, orders DESC, key`,
  ).all({ ...days(appspace, range), dim });
}

/** Revenue and orders of purchases grouped by an enriched column; unknown values group as null. */
export function revenueBy(db: Db, appspace: number, range: DayRange, column: BreakdownColumn) {
  return breakdown(db, appspace, range, column).map((r) => ({
    key: JSON.parse(r.key) as string | null,
    revenue: r.revenue,
    orders: r.orders,
  }));
}

/** Orders with a coupon: revenue, orders and the summed discount (missing discounts count as 0). */
export function revenueByCoupon(db: Db, appspace: number, range: DayRange) {
  return breakdown(db, appspace, range, "coupon")
    .map((r) => ({
      coupon_code: JSON.parse(r.key) as string,
      revenue: r.revenue,
      orders: r.orders,
      discount: r.discount,
    }))
    .sort(
      (a, b) => b.revenue - a.revenue || (a.coupon_code < b.coupon_code ? -1 : a.coupon_code > b.coupon_code ? 1 : 0),
    );
}

/**
 * Best sellers over purchase items, summed over the fewest day blocks that cover the range (so a
 * year reads a few thousand rows); the name is the latest non-empty name seen for the item.
 */
export function topProducts(db: Db, appspace: number, range: DayRange, limit: number): ProductSales[] {
  const runs = coverDays(range.startDay, range.endDay);
  const where = runs.map(() => "(span = ? AND day BETWEEN ? AND ?)").join(" OR ");
  return prepared<unknown[], ProductSales>(
    db,
    `WITH sold AS (
       SELECT item_id, total(revenue) AS revenue, sum(quantity) AS quantity, sum(orders) AS orders FROM product_days
       WHERE appspace_seq = ? AND (${where}) GROUP BY item_id HAVING sum(orders) > 0
       ORDER BY revenue DESC, quantity DESC, item_id LIMIT ?)
     SELECT sold.item_id, n.item_name, sold.revenue, sold.quantity, sold.orders
     FROM sold LEFT JOIN product_names n ON n.appspace_seq = ? AND n.item_id = sold.item_id
     ORDER BY sold.revenue DESC, sold.quantity DESC, sold.item_id`,
  ).all(appspace, ...runs.flatMap((r) => [r.span, r.from, r.to]), limit, ofReadKey(appspace).appspace);
}
