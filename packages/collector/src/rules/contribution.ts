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
  fact_days: {
    additive: true,
    keys: ["day"],
    values: ["orders", "revenue", "refunds", "refund_amount", "items_sold", "anon_orders", "anon_revenue"],
  },
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

/**
 * A read-table row's identity as one string: its table and key values joined by U+0000, which
 * no stored text holds (ingest refuses it) and each key column is of one type, so two rows share
 * it exactly when they are the same row. Cheaper than `JSON.stringify` on every row of a step.
 */
export const rowId = (t: ReadTable, k: Contribution["k"]) => `${t}\u0000${k.join("\u0000")}`;

/** The JSON key of a possibly-null value, or of a campaign triple. */
export const jsonKey = (value: unknown) => JSON.stringify(value ?? null);

/**
 * What turns the tables from `before` to `after`: additive rows summed per key (new minus old,
 * unchanged ones dropped), keyed rows deleted or written only where they changed. An entity
 * recomputed after one more event mostly adds what it added before, so most rows drop out.
 */
export function contributionDifference(before: Contribution[], after: Contribution[]): Contribution[] {
  const keyOf = (r: Contribution) => rowId(r.t, r.k);
  const sums = new Map<string, Contribution>();
  const add = (r: Contribution, sign: 1 | -1) => {
    const key = keyOf(r);
    const sum = sums.get(key);
    if (sum) r.v.forEach((v, i) => (sum.v[i] = (sum.v[i] as number) + sign * (v as number)));
    else sums.set(key, { t: r.t, k: r.k, v: r.v.map((v) => sign * (v as number)) });
  };
  const out: Contribution[] = [];
  const kept = new Map<string, string>();
  for (const r of before) {
    if (READ_TABLES[r.t].additive) add(r, -1);
    else kept.set(keyOf(r), JSON.stringify(r.v));
  }
  const written = new Set<string>();
  for (const r of after) {
    if (READ_TABLES[r.t].additive) add(r, 1);
    else {
      const key = keyOf(r);
      written.add(key);
      if (kept.get(key) !== JSON.stringify(r.v)) out.push({ ...r, v: r.v });
    }
  }
  for (const r of before)
    if (!READ_TABLES[r.t].additive && !written.has(keyOf(r))) out.push({ t: r.t, k: r.k, v: [], drop: true });
  for (const r of sums.values()) if (r.v.some((v) => v !== 0)) out.push(r);
  return out;
}
