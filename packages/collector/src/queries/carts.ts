import type { Store } from "../store.js";
import { cartOutcome } from "../rules/cart-rollup.js";
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
 * purchase in the range has the same key, abandoned otherwise. Carts inside one day come summed;
 * a cart spanning days is judged on its days in the range.
 */
export async function cartSummary(store: Store, appspace: number, range: DayRange): Promise<CartSummary> {
  const totals = await store.cartTotals(appspace, range);
  let { abandoned, completed, abandoned_value: abandonedValue } = totals;
  for (const days of totals.spanning) {
    const outcome = cartOutcome(days);
    if (!outcome) continue;
    if (outcome.completed) completed++;
    else abandoned++, (abandonedValue += outcome.value);
  }
  return { abandoned, completed, abandonedValue, rate: percent(abandoned, abandoned + completed) };
}

/** Visitors with an add_to_cart per 100 visitors with a view_item. */
export async function addToCartRate(store: Store, appspace: number, range: DayRange): Promise<number> {
  const { viewers, adders } = await store.cartVisitors(appspace, range);
  return percent(adders, viewers);
}
