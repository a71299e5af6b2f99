import type { StoredEvent } from "../model/stored-event.js";
import { watchCart, type WatchedCart } from "../webhooks/cart-watch.js";
import { ask, type LedgerProcedure, type WatchedCartRow } from "./ledger.js";

/**
 * The watched carts after a step's cart activity (`watchedCartOf`), in event order: each cart's
 * lines, its last activity and whether it was bought, read and written once per cart.
 */
export function* updateWatchedCarts(
  appspace: number,
  activity: ReadonlyArray<{ cart: string; event: StoredEvent }>,
): LedgerProcedure<void> {
  const carts = [...new Set(activity.map((w) => w.cart))];
  const rows = yield* ask((l) => l.watchedCarts(appspace, carts));
  const next = new Map<string, WatchedCartRow>();
  for (const { cart, event } of activity) {
    const row = next.get(cart) ?? rows.get(cart);
    const before: WatchedCart = row
      ? (JSON.parse(row.data) as WatchedCart)
      : { cart, user_id: null, anonymous_id: null, session_id: null, items: {} };
    next.set(cart, {
      cart,
      last_ts: Math.max(row?.last_ts ?? 0, event.ts),
      data: JSON.stringify(watchCart(before, event)),
      purchased: row?.purchased || event.event_type === "purchase" ? 1 : 0,
    });
  }
  yield* ask((l) => l.writeWatchedCarts(appspace, [...next.values()]));
}
