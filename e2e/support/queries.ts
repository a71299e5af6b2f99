// What the collector counted, through its query endpoints.
import { expect } from "@playwright/test";
import Database from "better-sqlite3";
import type { Collector } from "./collector.js";

/** How long a settled answer must stay the same: a late beacon or retry would show by then. */
const SETTLE_MS = 1_500;

export interface Expected {
  orders: number;
  revenue: number;
  /** top-products quantities, `{ item_id: quantity }`. */
  items?: Record<string, number>;
}

/** top-products as `{ item_id: quantity }`. */
export async function items(collector: Collector): Promise<Record<string, number>> {
  const { products } = await collector.query<{ products: { item_id: string; quantity: number }[] }>(
    "top-products?limit=100",
  );
  return Object.fromEntries(products.map((p) => [p.item_id, p.quantity]));
}

/**
 * Waits until the collector counts exactly these orders, revenue and item quantities, then a
 * little longer, and checks that nothing changed: no second copy arrived late.
 */
export async function expectExactly(collector: Collector, expected: Expected, { timeout = 25_000 } = {}) {
  const state = async () => {
    const o = await collector.query("overview");
    return {
      orders: o.total_orders,
      revenue: o.total_revenue,
      ...(expected.items && { items: await items(collector) }),
    };
  };
  await expect.poll(state, { timeout, intervals: [100, 250, 500] }).toEqual(expected);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  expect(await state(), "nothing more arrived after the order was counted").toEqual(expected);
}

/** The SDK's loss reports the collector stored (no query endpoint shows them yet): Σ dropped, Σ expired. */
export function sdkLosses(collector: Collector): { dropped: number; expired: number } {
  const db = new Database(collector.db, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT coalesce(sum(dropped), 0) AS dropped, coalesce(sum(expired), 0) AS expired FROM sdk_losses")
      .get() as { dropped: number; expired: number };
    return row;
  } finally {
    db.close();
  }
}
