import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { CartAbandonment, IdleCart } from "../../outbox-port.js";

const CARTS_PER_PASS = 500;

/** Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart fires once. */
export function fireAbandonedCarts(db: Db, idleBefore: number, now: number, abandonment: CartAbandonment): number {
  // Deferred: most runs find nothing, and take no write lock for it.
  return db.transaction(() => {
    const idle = prepared<unknown[], IdleCart>(
      db,
      "SELECT appspace_seq, cart, last_ts, data FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ? LIMIT ?",
    ).all(idleBefore, CARTS_PER_PASS);
    const appspace = prepared<unknown[], { id: string; currency: string }>(
      db,
      "SELECT id, currency FROM appspaces WHERE seq = ?",
    );
    const subscribers = prepared<unknown[], { id: string }>(
      db,
      "SELECT id FROM webhooks WHERE appspace_seq = ? AND instr(',' || events || ',', ',cart_abandoned,') > 0",
    );
    const deliver = prepared(
      db,
      "INSERT INTO webhook_deliveries (id, webhook_id, body, created_at, next_at) VALUES (?, ?, ?, ?, ?)",
    );
    const markFired = prepared(db, "UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ? AND cart = ?");
    let fired = 0;
    for (const c of idle) {
      const event = abandonment(c, appspace.get(c.appspace_seq)!);
      if (event) {
        for (const hook of subscribers.all(c.appspace_seq)) deliver.run(event.id, hook.id, event.body, now, now);
        fired++;
      }
      markFired.run(c.appspace_seq, c.cart);
    }
    return fired;
  })();
}
