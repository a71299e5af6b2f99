import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../queries/range.js";
import type { BreakdownColumn, OrderTotals, ProductSales } from "../../store.js";

type Scope = { appspace: number; start: number; end: number };
const scope = (appspace: number, range: DayRange): Scope => ({ appspace, start: range.startMs, end: range.endMs });
const IN_RANGE = "appspace_seq = @appspace AND ts >= @start AND ts < @end";


/** Orders, refunds and items sold in the range, in base minor units. */
export function orderTotals(db: Db, appspace: number, range: DayRange): OrderTotals {
  return prepared<[Scope], OrderTotals>(
    db,
    `SELECT
       (SELECT count(*) FROM events WHERE ${IN_RANGE} AND event_type = 'purchase') AS orders,
       (SELECT coalesce(sum(revenue_base), 0) FROM events WHERE ${IN_RANGE} AND event_type = 'purchase') AS revenue,
       (SELECT count(*) FROM events WHERE ${IN_RANGE} AND event_type = 'refund') AS refunds,
       (SELECT coalesce(sum(revenue_base), 0) FROM events WHERE ${IN_RANGE} AND event_type = 'refund') AS refund_amount,
       (SELECT coalesce(sum(i.quantity), 0) FROM events e JOIN event_items i ON i.event_seq = e.seq
         WHERE e.appspace_seq = @appspace AND e.ts >= @start AND e.ts < @end AND e.event_type = 'purchase') AS items_sold`,
  ).get(scope(appspace, range))!;
}

/** Revenue and orders per UTC day that had any. */
export function revenueByDay(db: Db, appspace: number, range: DayRange) {
  return prepared<[Scope], { day: number; revenue: number; orders: number }>(
    db,
    `SELECT day, sum(revenue_base) AS revenue, count(*) AS orders FROM events
     WHERE ${IN_RANGE} AND event_type = 'purchase' GROUP BY day`,
  ).all(scope(appspace, range));
}

const BREAKDOWN_COLUMNS: Record<BreakdownColumn, string> = { device_type: "device_type", platform: "platform", country: "country" };

/** Revenue and orders of purchases grouped by an enriched column; unknown values group as null. */
export function revenueBy(db: Db, appspace: number, range: DayRange, column: BreakdownColumn) {
  const col = BREAKDOWN_COLUMNS[column];
  return prepared<[Scope], { key: string | null; revenue: number; orders: number }>(
    db,
    `SELECT ${col} AS key, sum(revenue_base) AS revenue, count(*) AS orders FROM events
     WHERE ${IN_RANGE} AND event_type = 'purchase' GROUP BY ${col} ORDER BY revenue DESC, orders DESC, key`,
  ).all(scope(appspace, range));
}

/** Orders with a coupon: revenue, orders and the mean discount (missing discounts count as 0). */
export function revenueByCoupon(db: Db, appspace: number, range: DayRange) {
  return prepared<[Scope], { coupon_code: string; revenue: number; orders: number; discount: number }>(
    db,
    `SELECT coupon_code, sum(revenue_base) AS revenue, count(*) AS orders, coalesce(sum(discount_base), 0) AS discount
     FROM events WHERE ${IN_RANGE} AND event_type = 'purchase' AND coupon_code IS NOT NULL AND coupon_code <> ''
     GROUP BY coupon_code ORDER BY revenue DESC, coupon_code`,
  ).all(scope(appspace, range));
}

/** Best sellers over purchase items; the name is the latest non-empty name seen for the item on any event (kept at ingest). */
export function topProducts(db: Db, appspace: number, range: DayRange, limit: number): ProductSales[] {
  return prepared<[Scope & { limit: number }], ProductSales>(
    db,
    `WITH sold AS (
       SELECT i.item_id, coalesce(sum(i.line_total_base), 0) AS revenue, sum(i.quantity) AS quantity, count(DISTINCT e.seq) AS orders
       FROM events e JOIN event_items i ON i.event_seq = e.seq
       WHERE e.appspace_seq = @appspace AND e.ts >= @start AND e.ts < @end AND e.event_type = 'purchase'
       GROUP BY i.item_id ORDER BY revenue DESC, quantity DESC, i.item_id LIMIT @limit)
     SELECT sold.*, n.item_name
     FROM sold LEFT JOIN product_names n ON n.appspace_seq = @appspace AND n.item_id = sold.item_id
     ORDER BY revenue DESC, quantity DESC, item_id`,
  ).all({ ...scope(appspace, range), limit });
}
