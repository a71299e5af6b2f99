import { parse } from "csv-parse/sync";
import type { FeedRecord } from "./feed-order.js";
import { zonedTime } from "./zoned-time.js";

interface FeedOptions {
  currency?: string;
  timeZone: string;
}

interface HelloRetailOrder {
  orderNumber?: unknown;
  total?: unknown;
  date?: unknown;
  email?: unknown;
  customerId?: unknown;
  products?: Array<{ productNumber?: unknown; url?: unknown; quantity?: unknown; lineTotal?: unknown }>;
}

const text = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined;
const number = (v: unknown) =>
  typeof v === "number"
    ? v
    : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;

/**
 * Hello Retail's order feed: a JSON array of `{ orderNumber, total, date: "YYYY-MM-DD HH:MM:SS",
 * email, customerId?, products: [{ productNumber, url, quantity, lineTotal }] }`, or its CSV form
 * (one row per product, the order's fields repeated). Each order becomes a purchase: orderNumber
 * → transaction_id, total → revenue, customerId → user_id, products → items priced lineTotal ÷
 * quantity; `date` is read in `timeZone`.
 */
export function readHelloRetailFeed(content: string, options: FeedOptions): FeedRecord[] {
  const trimmed = content.trimStart();
  const orders: Array<{ order: HelloRetailOrder; where: string }> = trimmed.startsWith("[")
    ? fromJson(trimmed)
    : fromCsv(content);
  return orders.map(({ order, where }, i) => ({ position: i + 1, where, event: toPurchase(order, options) }));
}

function fromJson(content: string) {
  const list = JSON.parse(content) as unknown;
  if (!Array.isArray(list)) throw new Error("a Hello Retail order feed is a JSON array of orders");
  return list.map((order, i) => ({
    order: (typeof order === "object" && order !== null ? order : {}) as HelloRetailOrder,
    where: `order ${i + 1}`,
  }));
}

function fromCsv(content: string) {
  const rows = parse(content, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  const byOrder = new Map<string, { order: HelloRetailOrder; where: string }>();
  rows.forEach((row, i) => {
    const key = row.orderNumber || `(row ${i + 2})`;
    let entry = byOrder.get(key);
    if (!entry) {
      entry = {
        order: {
          orderNumber: row.orderNumber,
          total: row.total,
          date: row.date,
          email: row.email,
          customerId: row.customerId,
          products: [],
        },
        where: `line ${i + 2}`,
      };
      byOrder.set(key, entry);
    }
    if (row.productNumber)
      entry.order.products!.push({
        productNumber: row.productNumber,
        url: row.url,
        quantity: row.quantity,
        lineTotal: row.lineTotal,
      });
  });
  return [...byOrder.values()];
}

function toPurchase(order: HelloRetailOrder, options: FeedOptions): Record<string, unknown> | string {
  const orderNumber = text(order.orderNumber);
  if (!orderNumber) return "orderNumber is missing";
  const total = number(order.total);
  if (total === undefined) return "total is missing or not a number";
  if (total < 0) return "total must not be negative";
  const date = text(order.date);
  const ts = date === undefined ? NaN : zonedTime(date, options.timeZone);
  if (Number.isNaN(ts)) return `date "${date ?? ""}" is not a date such as 2026-03-01 14:30:00`;
  const items = [];
  for (const p of order.products ?? []) {
    const id = text(p.productNumber) ?? text(p.url);
    if (!id) return "a product has neither productNumber nor url";
    const quantity = number(p.quantity) ?? 1;
    const lineTotal = number(p.lineTotal);
    items.push({
      item_id: id,
      quantity,
      ...(lineTotal !== undefined && quantity > 0 && { price: lineTotal / quantity }),
    });
  }
  return {
    event_type: "purchase",
    transaction_id: orderNumber,
    revenue: total,
    ...(options.currency && { currency: options.currency }),
    timestamp: new Date(ts).toISOString(),
    ...(text(order.email) && { email: text(order.email) }),
    ...(text(order.customerId) && { user_id: text(order.customerId) }),
    ...(items.length > 0 && { items }),
  };
}
