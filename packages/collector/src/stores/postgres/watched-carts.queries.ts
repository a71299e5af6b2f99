import type { Sql, Tx } from "./connect.js";
import type { StoredEvent } from "../../model/stored-event.js";
import { abandonedCartData, watchCart, watchedCartOf, type WatchedCart } from "../../webhooks/cart-watch.js";
import { enqueueWebhookEvent, isSubscribed } from "./webhooks.queries.js";

/** Follows a cart's contents and last activity, for an appspace with a `cart_abandoned` webhook. */
export async function watchCartEvent(tx: Tx, event: StoredEvent): Promise<void> {
  const cart = watchedCartOf(event);
  if (cart === undefined || !(await isSubscribed(tx, event.appspace_seq, "cart_abandoned"))) return;
  const [row] = await tx<{ last_ts: number; data: string; purchased: number }[]>`
    SELECT last_ts, data, purchased FROM watched_carts WHERE appspace_seq = ${event.appspace_seq} AND cart = ${cart}`;
  const before: WatchedCart = row ? (JSON.parse(row.data) as WatchedCart) : { cart, user_id: null, anonymous_id: null, session_id: null, items: {} };
  const purchased = row?.purchased || event.event_type === "purchase" ? 1 : 0;
  await tx`INSERT INTO watched_carts (appspace_seq, cart, last_ts, data, purchased, fired)
    VALUES (${event.appspace_seq}, ${cart}, ${Math.max(row?.last_ts ?? 0, event.ts)}, ${JSON.stringify(watchCart(before, event))}, ${purchased}, 0)
    ON CONFLICT (appspace_seq, cart) DO UPDATE SET last_ts = excluded.last_ts, data = excluded.data, purchased = excluded.purchased, fired = 0`;
}

/** Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart fires once (rows claimed with SKIP LOCKED). */
export async function fireAbandonedCarts(sql: Sql, idleBefore: number, now: number): Promise<number> {
  return sql.begin(async (tx) => {
    const idle = await tx<{ appspace_seq: number; cart: string; last_ts: number; data: string }[]>`
      SELECT appspace_seq, cart, last_ts, data FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ${idleBefore}
      LIMIT 500 FOR UPDATE SKIP LOCKED`;
    let fired = 0;
    for (const c of idle) {
      const cart = JSON.parse(c.data) as WatchedCart;
      if (Object.keys(cart.items).length) {
        await enqueueWebhookEvent(tx, c.appspace_seq, "cart_abandoned", (base) => abandonedCartData(cart, c.last_ts, base), now);
        fired++;
      }
      await tx`UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ${c.appspace_seq} AND cart = ${c.cart}`;
    }
    return fired;
  });
}
