import type { Tx } from "./connect.js";
import type { CartEffect } from "../../rules/cart.js";

/** Adds a cart effect (see `cartEffect`) to the cart's day. */
export async function applyToCartDay(tx: Tx, appspaceSeq: number, day: number, effect: CartEffect | undefined): Promise<void> {
  if (!effect) return;
  await tx`INSERT INTO cart_days AS c (appspace_seq, cart, day, added, removed, adds, purchases)
    VALUES (${appspaceSeq}, ${effect.cart}, ${day}, ${effect.added}, ${effect.removed}, ${effect.adds}, ${effect.purchases})
    ON CONFLICT (appspace_seq, day, cart) DO UPDATE SET added = c.added + excluded.added, removed = c.removed + excluded.removed,
      adds = c.adds + excluded.adds, purchases = c.purchases + excluded.purchases`;
}
