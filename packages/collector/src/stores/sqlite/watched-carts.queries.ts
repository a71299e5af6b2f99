import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { abandonment } from "../../webhooks/cart-watch.js";
import { enqueueWebhookEvent } from "./webhooks.queries.js";

/** Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart fires once. */
export function fireAbandonedCarts(db: Db, idleBefore: number, now: number): number {
  // Deferred: most runs find nothing, and take no write lock for it.
  return db.transaction(() => {
    const idle = prepared<unknown[], { appspace_seq: number; cart: string; last_ts: number; data: string }>(
      db,
      "SELECT appspace_seq, cart, last_ts, data FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ? LIMIT 500",
    ).all(idleBefore);
    let fired = 0;
    for (const c of idle) {
      const data = abandonment(c);
      if (data) {
        enqueueWebhookEvent(db, c.appspace_seq, "cart_abandoned", data, now);
        fired++;
      }
      prepared(db, "UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ? AND cart = ?").run(
        c.appspace_seq,
        c.cart,
      );
    }
    return fired;
  })();
}
