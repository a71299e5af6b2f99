import type { Db } from "../db/open.js";
import { prepared } from "../db/prepared.js";

/** An event as a cart sees it. */
export interface CartFact {
  appspace_seq: number;
  event_type: string;
  cart_id: string | null;
  session_id: string | null;
  day: number;
}

/**
 * Adds (`sign` 1) or takes back (`sign` -1, for a merge's old version or an erase) what an
 * add_to_cart, remove_from_cart or purchase event contributes to its cart's day.
 */
export function applyToCartDay(db: Db, e: CartFact, value: number, sign: 1 | -1): void {
  const cart = e.cart_id ?? e.session_id;
  if (cart === null || !/^(add_to_cart|remove_from_cart|purchase)$/.test(e.event_type)) return;
  prepared(
    db,
    `INSERT INTO cart_days (appspace_seq, cart, day, added, removed, adds, purchases) VALUES (@appspace, @cart, @day, @added, @removed, @adds, @purchases)
     ON CONFLICT (appspace_seq, day, cart) DO UPDATE SET added = added + excluded.added, removed = removed + excluded.removed,
       adds = adds + excluded.adds, purchases = purchases + excluded.purchases`,
  ).run({
    appspace: e.appspace_seq,
    cart,
    day: e.day,
    added: e.event_type === "add_to_cart" ? sign * value : 0,
    removed: e.event_type === "remove_from_cart" ? sign * value : 0,
    adds: e.event_type === "add_to_cart" ? sign : 0,
    purchases: e.event_type === "purchase" ? sign : 0,
  });
}

/** Σ line totals (base minor units) of a stored event's items. */
export const itemsValue = (items: ReadonlyArray<{ line_total_base: number | null }>) =>
  items.reduce((sum, i) => sum + (i.line_total_base ?? 0), 0);
