import type { Sql } from "./connect.js";
import { abandonedCartData, type WatchedCart } from "../../webhooks/cart-watch.js";
import { enqueueWebhookEvent } from "./webhooks.queries.js";

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
        await enqueueWebhookEvent(
          tx,
          c.appspace_seq,
          "cart_abandoned",
          (base) => abandonedCartData(cart, c.last_ts, base),
          now,
        );
        fired++;
      }
      await tx`UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ${c.appspace_seq} AND cart = ${c.cart}`;
    }
    return fired;
  });
}
