import type { DayRange } from "./model/time.js";
import type { CartDay } from "./rules/cart-rollup.js";
import type { SpanningEvent } from "./rules/session-rollup.js";
import type { LiveVisitor } from "./rules/visitor-rollup.js";

/** A flagged event as `GET …/flagged` lists it; money in base minor units and in its own. */
export interface FlaggedEvent {
  event_id: string;
  event_type: string;
  transaction_id: string | null;
  revenue_base: number | null;
  revenue: number | null;
  currency: string;
  ts: number;
  rules: string[];
}

export interface OrderTotals {
  orders: number;
  revenue: number;
  refunds: number;
  refund_amount: number;
  items_sold: number;
  /** Purchases without any visitor id (always unattributed). */
  anonymous_orders: number;
  anonymous_revenue: number;
}

export interface Campaign {
  campaign: string | null;
  source: string | null;
  medium: string | null;
}

export type BreakdownColumn = "device_type" | "platform" | "country";

/** Cart abandonment's facts for a range: carts inside one day summed, carts spanning days by their days in the range. */
export interface CartTotals {
  completed: number;
  abandoned: number;
  abandoned_value: number;
  spanning: CartDay[][];
}

/** revenue-by-channel's facts for a range; `channel` is a JSON [campaign, source, medium]. */
export interface ChannelFacts {
  rows: Array<{ channel: string; sessions: number; orders: number; revenue: number }>;
  spanning: SpanningEvent[][];
}

/** Attribution's facts for a range, model and window: fixed credit per channel ('' = unattributed), and the visitors the range decides. */
export interface AttributionFacts {
  rows: Array<{ channel: string; revenue: number; orders: number }>;
  live: LiveVisitor[];
}

export interface JourneyEvent {
  event_type: string;
  ts: number;
  transaction_id: string | null;
  revenue_base: number | null;
  items: Array<{ item_id: string; item_name: string | null; price_base: number | null; quantity: number }>;
}

/** Orders of one (seen_by, device, platform) group: `seen_by` bits 1 = browser, 2 = server. */
export interface CoverageRow {
  seen_by: number;
  device_type: string | null;
  platform: string | null;
  /** Where the server side's copy came from, and the browser's door (see `model/stored-event.ts`); null on rows from before they were recorded. */
  server_door: string | null;
  client_door: string | null;
  orders: number;
  revenue: number;
}

export interface ProductSales {
  item_id: string;
  item_name: string | null;
  revenue: number;
  quantity: number;
  orders: number;
}

/**
 * The reads of each query endpoint. They take a read key for `appspace`: the appspace's seq for
 * every event, or its negation for unflagged events only (`exclude_flagged=true`, see
 * `model/read-key.ts`). Money is in the base currency's minor units.
 */
export interface ReadModelPort {
  orderTotals(appspace: number, range: DayRange): Promise<OrderTotals>;
  revenueByDay(appspace: number, range: DayRange): Promise<Array<{ day: number; revenue: number; orders: number }>>;
  revenueBy(
    appspace: number,
    range: DayRange,
    column: BreakdownColumn,
  ): Promise<Array<{ key: string | null; revenue: number; orders: number }>>;
  revenueByCoupon(
    appspace: number,
    range: DayRange,
  ): Promise<Array<{ coupon_code: string; revenue: number; orders: number; discount: number }>>;
  topProducts(appspace: number, range: DayRange, limit: number): Promise<ProductSales[]>;
  /** Visitors who viewed an item, and who added to cart, in the range. */
  cartVisitors(appspace: number, range: DayRange): Promise<{ viewers: number; adders: number }>;
  /** Visitors at each step of the closed, ordered funnel in the range. */
  funnelCounts(appspace: number, range: DayRange): Promise<number[]>;
  cartTotals(appspace: number, range: DayRange): Promise<CartTotals>;
  channelFacts(appspace: number, range: DayRange): Promise<ChannelFacts>;
  attributionFacts(appspace: number, range: DayRange, model: string, windowDays: number): Promise<AttributionFacts>;
  /** Users and purchase revenue per (cohort month, month), months as year × 12 + month index. */
  cohortCells(appspace: number): Promise<Array<{ cohort: number; month: number; users: number; revenue: number }>>;
  /** A person's events (their user id or an anonymous id stitched to it) in [start, end), oldest first. */
  journey(appspace: number, userId: string, start: number, end: number): Promise<JourneyEvent[]>;
  /** Orders in the range by who reported them, device and platform (the coverage report). */
  coverage(appspace: number, range: DayRange): Promise<CoverageRow[]>;
  /** Which of these purchase order ids are stored, and who reported each (`seen_by` bits: 1 browser, 2 server). */
  ordersSeen(appspace: number, transactionIds: readonly string[]): Promise<Map<string, number>>;
  /** Which of these event ids the appspace has already stored (or dropped as repeats). */
  knownEventIds(appspace: number, eventIds: readonly string[]): Promise<Set<string>>;
  /** Flagged events in the range, oldest first. */
  flaggedEvents(appspace: number, range: DayRange): Promise<FlaggedEvent[]>;
}
