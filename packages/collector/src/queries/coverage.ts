import { BROWSER_DOORS, SEEN_BY_CLIENT, SEEN_BY_SERVER, SERVER_SOURCES } from "../model/stored-event.js";
import type { CoverageRow, Store } from "../store.js";
import type { DayRange } from "./range.js";
import { money, percent } from "./rounding.js";

type Side = "both" | "client_only" | "server_only";
const SIDES: Side[] = ["both", "client_only", "server_only"];

const sideOf = (seenBy: number): Side | undefined =>
  seenBy & SEEN_BY_CLIENT
    ? seenBy & SEEN_BY_SERVER
      ? "both"
      : "client_only"
    : seenBy & SEEN_BY_SERVER
      ? "server_only"
      : undefined;

function summarise(rows: CoverageRow[], currency: string) {
  const orders: Record<Side, number> = { both: 0, client_only: 0, server_only: 0 };
  const revenue: Record<Side, number> = { both: 0, client_only: 0, server_only: 0 };
  for (const r of rows) {
    const side = sideOf(r.seen_by);
    if (!side) continue;
    orders[side] += r.orders;
    revenue[side] += r.revenue;
  }
  const all = orders.both + orders.client_only + orders.server_only;
  return {
    orders,
    revenue: Object.fromEntries(SIDES.map((s) => [s, money(revenue[s], currency)])) as Record<Side, number>,
    browser_missed_pct: percent(orders.server_only, all),
  };
}

function by<K extends "device_type" | "platform">(rows: CoverageRow[], key: K, currency: string) {
  const groups = new Map<string | null, CoverageRow[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return [...groups.entries()]
    .map(([value, group]) => ({ value, summary: summarise(group, currency) }))
    .sort((a, b) => total(b.summary.orders) - total(a.summary.orders) || String(a.value).localeCompare(String(b.value)))
    .map(({ value, summary }) => ({ [key]: value, ...summary }) as Record<K, string | null> & typeof summary);
}

const total = (o: Record<Side, number>) => o.both + o.client_only + o.server_only;

/**
 * The orders one side saw, split by where they came from: server-side ones by source (of those
 * the server saw), browser ones by door (of those the browser saw). Rows from before doors were
 * recorded count as the secret key's and the script tag's, the only doors there were.
 */
function split<K extends string>(
  rows: CoverageRow[],
  bit: number,
  keys: readonly K[],
  keyOf: (r: CoverageRow) => string | null,
  fallback: K,
  currency: string,
) {
  const orders = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const revenue = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) {
    if (!(r.seen_by & bit)) continue;
    const value = keyOf(r);
    const key = value !== null && (keys as readonly string[]).includes(value) ? (value as K) : fallback;
    orders[key] += r.orders;
    revenue[key] += r.revenue;
  }
  return Object.fromEntries(
    keys.map((k) => [k, { orders: orders[k], revenue: money(revenue[k], currency) }]),
  ) as Record<K, { orders: number; revenue: number }>;
}

/**
 * What the browser misses: the range's orders by who reported them — the browser and the
 * server (`both`), the browser alone, the server alone — in count and revenue, overall and by
 * device and platform. `browser_missed_pct` = server-only orders ÷ all orders × 100;
 * `server_orders` = both + server-only (meaningful only where the shop sends its orders from
 * the server too). `server_by_source` splits the orders the server saw by source (secret key,
 * Shopify, WooCommerce, Stripe, import), `browser_by_door` those the browser saw by door
 * (script tag, Shopify pixel, Segment's browser library).
 */
export async function coverageReport(store: Store, appspace: number, range: DayRange, currency: string) {
  const rows = await store.coverage(appspace, range);
  const summary = summarise(rows, currency);
  return {
    ...summary,
    server_orders: summary.orders.both + summary.orders.server_only,
    server_by_source: split(rows, SEEN_BY_SERVER, SERVER_SOURCES, (r) => r.server_door, "secret_key", currency),
    browser_by_door: split(rows, SEEN_BY_CLIENT, BROWSER_DOORS, (r) => r.client_door, "script_tag", currency),
    by_device: by(rows, "device_type", currency),
    by_platform: by(rows, "platform", currency),
    days: range.days,
  };
}
