/**
 * One row an event or an entity adds to a read table: `k` the key columns after the appspace,
 * `v` the value columns, in the order `READ_TABLES` lists them.
 */
export interface Contribution {
  t: ReadTable;
  k: Array<string | number>;
  v: Array<string | number>;
  /** A keyed row to delete rather than write. */
  drop?: boolean;
}

/**
 * The read tables: additive ones are sums (a contribution is added, or taken back with sign -1);
 * keyed ones hold one row per entity (added, or deleted).
 */
export const READ_TABLES = {
  fact_days: { additive: true, keys: ["day"], values: ["orders", "revenue", "refunds", "refund_amount", "items_sold", "anon_orders", "anon_revenue"] },
  breakdown_days: { additive: true, keys: ["dim", "day", "key"], values: ["revenue", "orders", "discount"] },
  product_days: { additive: true, keys: ["span", "day", "item_id"], values: ["revenue", "quantity", "orders"] },
  channel_days: { additive: true, keys: ["day", "channel"], values: ["sessions", "orders", "revenue"] },
  cart_totals: { additive: true, keys: ["day"], values: ["completed", "abandoned", "abandoned_value"] },
  visitor_days: { additive: true, keys: ["kind", "day", "prev"], values: ["visitors"] },
  funnel_starts: { additive: true, keys: ["day", "prev", "step", "done_day"], values: ["visitors"] },
  credit_days: { additive: true, keys: ["model", "win", "day", "channel"], values: ["revenue", "orders"] },
  cohort_cells: { additive: true, keys: ["cohort", "month"], values: ["users", "revenue"] },
  spanning_sessions: { additive: false, keys: ["session"], values: ["first_day", "last_day", "data"] },
  spanning_carts: { additive: false, keys: ["cart"], values: ["first_day", "last_day", "data"] },
  live_purchases: { additive: false, keys: ["day", "visitor"], values: [] },
  live_visitors: { additive: false, keys: ["visitor"], values: ["data"] },
} as const;

export type ReadTable = keyof typeof READ_TABLES;

/** The JSON key of a possibly-null value, or of a campaign triple. */
export const jsonKey = (value: unknown) => JSON.stringify(value ?? null);
