import type { Store } from "../store.js";
import type { DayRange } from "./range.js";
import { percent } from "./rounding.js";

export interface CartSummary {
  abandoned: number;
  completed: number;
  /** Base minor units: Σ over abandoned carts of what was added minus what was removed. */
  abandonedValue: number;
  rate: number;
}

/**
 * Carts (cart_id, else the session) that had an add_to_cart in the range: completed when a
 * purchase in the range has the same key, abandoned otherwise.
 */
export async function cartSummary(store: Store, appspace: number, range: DayRange): Promise<CartSummary> {
  let abandoned = 0;
  let completed = 0;
  let abandonedValue = 0;
  for (const cart of await store.cartFacts(appspace, range)) {
    if (!cart.had_add) continue;
    if (cart.purchased) completed++;
    else {
      abandoned++;
      abandonedValue += Math.max(0, cart.added - cart.removed);
    }
  }
  return { abandoned, completed, abandonedValue, rate: percent(abandoned, abandoned + completed) };
}

/** Visitors with an add_to_cart per 100 visitors with a view_item. */
export async function addToCartRate(store: Store, appspace: number, range: DayRange): Promise<number> {
  const { viewers, adders } = await store.cartVisitors(appspace, range);
  return percent(adders, viewers);
}
