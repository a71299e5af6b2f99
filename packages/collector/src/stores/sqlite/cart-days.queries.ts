import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { CartEffect } from "../../rules/cart.js";

/** Adds a cart effect (see `cartEffect`) to the cart's day. */
export function applyToCartDay(db: Db, appspaceSeq: number, day: number, effect: CartEffect | undefined): void {
  if (!effect) return;
  prepared(
    db,
    `INSERT INTO cart_days (appspace_seq, cart, day, added, removed, adds, purchases) VALUES (@appspace, @cart, @day, @added, @removed, @adds, @purchases)
     ON CONFLICT (appspace_seq, day, cart) DO UPDATE SET added = added + excluded.added, removed = removed + excluded.removed,
       adds = adds + excluded.adds, purchases = purchases + excluded.purchases`,
  ).run({ appspace: appspaceSeq, day, ...effect });
}
