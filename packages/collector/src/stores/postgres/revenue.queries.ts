import type { Tx } from "./connect.js";
import type { DayRange } from "../../model/time.js";
import type { BreakdownColumn, OrderTotals, ProductSales } from "../../store.js";
import { coverDays } from "../../rules/day-blocks.js";
import { ofReadKey } from "../../model/read-key.js";

/** Orders, refunds and items sold in the range, in base minor units (from the facts per day). */
export async function orderTotals(tx: Tx, appspace: number, range: DayRange): Promise<OrderTotals> {
  const [row] = await tx<OrderTotals[]>`
    SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(revenue), 0) AS revenue, coalesce(sum(refunds), 0) AS refunds,
           coalesce(sum(refund_amount), 0) AS refund_amount, coalesce(sum(items_sold), 0) AS items_sold,
           coalesce(sum(anon_orders), 0) AS anonymous_orders, coalesce(sum(anon_revenue), 0) AS anonymous_revenue
    FROM fact_days WHERE appspace_seq = ${appspace} AND day BETWEEN ${range.startDay} AND ${range.endDay}`;
  return row!;
}

/** Revenue and orders per UTC day that had any. */
export async function revenueByDay(tx: Tx, appspace: number, range: DayRange) {
  return [
    ...(await tx<{ day: number; revenue: number; orders: number }[]>`
      SELECT day, revenue, orders FROM fact_days
      WHERE appspace_seq = ${appspace} AND day BETWEEN ${range.startDay} AND ${range.endDay} AND orders > 0 ORDER BY day`),
  ];
}

type Breakdown = { key: string; revenue: number; orders: number; discount: number };

const breakdown = (tx: Tx, appspace: number, range: DayRange, dim: string) =>
  tx<Breakdown[]>`
    SELECT key, sum(revenue) AS revenue, sum(orders) AS orders, sum(discount) AS discount FROM breakdown_days
    WHERE appspace_seq = ${appspace} AND dim = ${dim} AND day BETWEEN ${range.startDay} AND ${range.endDay}
    GROUP BY key HAVING sum(orders) > 0 ORDER BY revenue DESC, orders DESC, key COLLATE "C"`;

/** Revenue and orders of purchases grouped by an enriched column; unknown values group as null. */
export async function revenueBy(tx: Tx, appspace: number, range: DayRange, column: BreakdownColumn) {
  return (await breakdown(tx, appspace, range, column)).map((r) => ({
    key: JSON.parse(r.key) as string | null,
    revenue: r.revenue,
    orders: r.orders,
  }));
}

/** Orders with a coupon: revenue, orders and the summed discount (missing discounts count as 0). */
export async function revenueByCoupon(tx: Tx, appspace: number, range: DayRange) {
  return (await breakdown(tx, appspace, range, "coupon"))
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

/** Best sellers over purchase items, summed over the fewest day blocks that cover the range; the name is the latest non-empty one seen. */
export async function topProducts(tx: Tx, appspace: number, range: DayRange, limit: number): Promise<ProductSales[]> {
  const runs = coverDays(range.startDay, range.endDay);
  const where = runs
    .map((_, i) => `(span = $${3 * i + 2} AND day BETWEEN $${3 * i + 3} AND $${3 * i + 4})`)
    .join(" OR ");
  const n = runs.length * 3 + 2;
  return [
    ...(await tx.unsafe<ProductSales[]>(
      `WITH sold AS (
         SELECT item_id, sum(revenue) AS revenue, sum(quantity) AS quantity, sum(orders) AS orders FROM product_days
         WHERE appspace_seq = $1 AND (${where}) GROUP BY item_id HAVING sum(orders) > 0
         ORDER BY revenue DESC, quantity DESC, item_id COLLATE "C" LIMIT $${n})
       SELECT sold.item_id, n.item_name, sold.revenue, sold.quantity, sold.orders
       FROM sold LEFT JOIN product_names n ON n.appspace_seq = $${n + 1} AND n.item_id = sold.item_id
       ORDER BY sold.revenue DESC, sold.quantity DESC, sold.item_id COLLATE "C"`,
      [appspace, ...runs.flatMap((r) => [r.span, r.from, r.to]), limit, ofReadKey(appspace).appspace],
    )),
  ];
}
