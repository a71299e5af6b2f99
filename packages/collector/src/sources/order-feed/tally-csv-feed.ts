import { parse } from "csv-parse/sync";
import type { FeedRecord } from "./feed-order.js";
import { zonedTime } from "./zoned-time.js";

/** The documented header of Tally's own order CSV: one row per line item, the order's fields repeated. */
export const TALLY_CSV_COLUMNS = [
  "transaction_id",
  "timestamp",
  "revenue",
  "currency",
  "user_id",
  "email",
  "coupon_code",
  "discount",
  "shipping",
  "tax",
  "item_id",
  "item_name",
  "item_category",
  "item_brand",
  "item_variant",
  "price",
  "quantity",
] as const;

const ORDER_TEXT = ["currency", "user_id", "email", "coupon_code"] as const;
const ORDER_AMOUNTS = ["revenue", "discount", "shipping", "tax"] as const;
const ITEM_TEXT = ["item_name", "item_category", "item_brand", "item_variant"] as const;

const amount = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));

/**
 * Tally's order CSV (see `TALLY_CSV_COLUMNS`; only transaction_id, timestamp and revenue are
 * required, unknown columns are an error): rows with the same transaction_id are one purchase.
 * A timestamp without an offset is read in `timeZone`.
 */
export function readTallyCsv(content: string, options: { currency?: string; timeZone: string }): FeedRecord[] {
  const rows = parse(content, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  const unknown = Object.keys(rows[0] ?? {}).filter((c) => !(TALLY_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new Error(`unknown column ${unknown.join(", ")} (the columns are ${TALLY_CSV_COLUMNS.join(",")})`);
  const orders = new Map<string, { where: string; rows: Array<Record<string, string>> }>();
  rows.forEach((row, i) => {
    const key = row.transaction_id || `(line ${i + 2})`;
    const entry = orders.get(key) ?? { where: `line ${i + 2}`, rows: [] };
    entry.rows.push(row);
    orders.set(key, entry);
  });
  return [...orders.values()].map((o, i) => ({ position: i + 1, where: o.where, event: toPurchase(o.rows, options) }));
}

function toPurchase(
  rows: Array<Record<string, string>>,
  options: { currency?: string; timeZone: string },
): Record<string, unknown> | string {
  const first = rows[0]!;
  if (!first.transaction_id) return "transaction_id is missing";
  const ts = first.timestamp ? zonedTime(first.timestamp, options.timeZone) : NaN;
  if (Number.isNaN(ts)) return `timestamp "${first.timestamp ?? ""}" is not a date-time`;
  const event: Record<string, unknown> = {
    event_type: "purchase",
    transaction_id: first.transaction_id,
    timestamp: new Date(ts).toISOString(),
  };
  for (const c of ORDER_AMOUNTS) if (amount(first[c]) !== undefined) event[c] = amount(first[c]);
  for (const c of ORDER_TEXT) if (first[c]) event[c] = first[c];
  if (!event.currency && options.currency) event.currency = options.currency;
  const items = rows
    .filter((r) => r.item_id)
    .map((r) => {
      const item: Record<string, unknown> = { item_id: r.item_id };
      for (const c of ITEM_TEXT) if (r[c]) item[c] = r[c];
      if (amount(r.price) !== undefined) item.price = amount(r.price);
      if (amount(r.quantity) !== undefined) item.quantity = amount(r.quantity);
      return item;
    });
  if (items.length) event.items = items;
  return event;
}
