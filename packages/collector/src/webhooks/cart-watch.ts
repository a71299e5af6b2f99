import type { StoredEvent } from "../model/stored-event.js";
import { money } from "../queries/rounding.js";
import type { CartAbandonment } from "../outbox-port.js";
import { outboxRowsOf } from "./webhook-event.js";
import { ask, type OutboxRow } from "../projection/ledger.js";

/** A watched cart's contents: lines by item id (base minor units), and whose cart it is. */
export interface WatchedCart {
  cart: string;
  user_id: string | null;
  anonymous_id: string | null;
  session_id: string | null;
  items: Record<string, { item_name: string | null; price: number | null; quantity: number }>;
}

/** Idle this long with no purchase, a cart with items is abandoned. */
export const CART_IDLE_MS = 60 * 60_000;

const CART_ACTIVITY = new Set([
  "add_to_cart",
  "remove_from_cart",
  "view_cart",
  "begin_checkout",
  "add_payment_info",
  "purchase",
]);

/** The cart an event is activity of (its cart id, else its session), or undefined. */
export function watchedCartOf(e: StoredEvent): string | undefined {
  if (!CART_ACTIVITY.has(e.event_type)) return undefined;
  return e.cart_id ?? e.session_id ?? undefined;
}

/** The cart after one more event: adds and removals change its lines; any activity keeps it alive. */
export function watchCart(cart: WatchedCart, e: StoredEvent): WatchedCart {
  const next: WatchedCart = {
    ...cart,
    items: { ...cart.items },
    user_id: cart.user_id ?? e.user_id,
    anonymous_id: cart.anonymous_id ?? e.anonymous_id,
    session_id: cart.session_id ?? e.session_id,
  };
  const sign = e.event_type === "add_to_cart" ? 1 : e.event_type === "remove_from_cart" ? -1 : 0;
  if (sign === 0) return next;
  for (const i of e.items) {
    const line = next.items[i.item_id] ?? { item_name: null, price: null, quantity: 0 };
    const quantity = line.quantity + sign * i.quantity;
    if (quantity <= 0) delete next.items[i.item_id];
    else
      next.items[i.item_id] = { item_name: i.item_name ?? line.item_name, price: i.price_base ?? line.price, quantity };
  }
  return next;
}

/**
 * What idle carts fire, for `fireAbandonedCarts`: a `cart_abandoned` event in the appspace's base
 * currency for each cart with something in it, to the webhooks that take it (an empty cart is
 * only marked fired).
 */
export const cartAbandonment = (now: number): CartAbandonment =>
  function* (appspace, carts) {
    const space = yield* ask((l) => l.appspace(appspace));
    const rows: OutboxRow[] = [];
    let fired = 0;
    for (const c of carts) {
      const data = abandonedCartData(JSON.parse(c.data) as WatchedCart, c.last_ts, space.currency);
      if (data === undefined) continue;
      fired++;
      rows.push(...outboxRowsOf(space, "cart_abandoned", () => data, now));
    }
    if (rows.length) yield* ask((l) => l.enqueueDeliveries(rows));
    return fired;
  };

/** A `cart_abandoned` event's data, or undefined for a cart with nothing in it. */
export function abandonedCartData(cart: WatchedCart, lastActivity: number, base: string) {
  const lines = Object.entries(cart.items);
  if (lines.length === 0) return undefined;
  const value = lines.reduce((sum, [, l]) => sum + (l.price ?? 0) * l.quantity, 0);
  return {
    cart_id: cart.cart,
    user_id: cart.user_id,
    anonymous_id: cart.anonymous_id,
    session_id: cart.session_id,
    last_activity: new Date(lastActivity).toISOString(),
    value: money(value, base),
    currency: base,
    items: lines.map(([item_id, l]) => ({
      item_id,
      item_name: l.item_name,
      price: l.price === null ? null : money(l.price, base),
      quantity: l.quantity,
    })),
  };
}
