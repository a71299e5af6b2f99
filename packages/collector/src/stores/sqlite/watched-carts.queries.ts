import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { StoredEvent } from "../../model/stored-event.js";
import { abandonedCartData, watchCart, watchedCartOf, type WatchedCart } from "../../webhooks/cart-watch.js";
import { enqueueWebhookEvent, isSubscribed } from "./webhooks.queries.js";

/** Follows a cart's contents and last activity, for an appspace with a `cart_abandoned` webhook. */
export function watchCartEvent(db: Db, event: StoredEvent): void {
  const cart = watchedCartOf(event);
  if (cart === undefined || !isSubscribed(db, event.appspace_seq, "cart_abandoned")) return;
  const row = prepared<unknown[], { last_ts: number; data: string; purchased: number }>(
    db,
    "SELECT last_ts, data, purchased FROM watched_carts WHERE appspace_seq = ? AND cart = ?",
  ).get(event.appspace_seq, cart);
  const before: WatchedCart = row ? (JSON.parse(row.data) as WatchedCart) : { cart, user_id: null, anonymous_id: null, session_id: null, items: {} };
  prepared(db, "INSERT OR REPLACE INTO watched_carts (appspace_seq, cart, last_ts, data, purchased, fired) VALUES (?, ?, ?, ?, ?, 0)").run(
    event.appspace_seq,
    cart,
    Math.max(row?.last_ts ?? 0, event.ts),
    JSON.stringify(watchCart(before, event)),
    row?.purchased || event.event_type === "purchase" ? 1 : 0,
  );
}

/** Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart fires once. */
export function fireAbandonedCarts(db: Db, idleBefore: number, now: number): number {
  // Deferred: most runs find nothing, and take no write lock for it.
  return db
    .transaction(() => {
      const idle = prepared<unknown[], { appspace_seq: number; cart: string; last_ts: number; data: string }>(
        db,
        "SELECT appspace_seq, cart, last_ts, data FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ? LIMIT 500",
      ).all(idleBefore);
      let fired = 0;
      for (const c of idle) {
        const cart = JSON.parse(c.data) as WatchedCart;
        if (Object.keys(cart.items).length) {
          enqueueWebhookEvent(db, c.appspace_seq, "cart_abandoned", (base) => abandonedCartData(cart, c.last_ts, base), now);
          fired++;
        }
        prepared(db, "UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ? AND cart = ?").run(c.appspace_seq, c.cart);
      }
      return fired;
    })();
}
