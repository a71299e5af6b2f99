import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { CartAbandonment, IdleCart } from "../../outbox-port.js";
import { runSync } from "../../projection/ledger.js";
import { sqliteLedger } from "./ledger.js";

const CARTS_PER_PASS = 500;

/** Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart fires once. */
export function fireAbandonedCarts(db: Db, idleBefore: number, abandonment: CartAbandonment): number {
  // Deferred: most runs find nothing, and take no write lock for it.
  return db.transaction(() => {
    const idle = prepared<unknown[], IdleCart>(
      db,
      "SELECT appspace_seq, cart, last_ts, data FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ? LIMIT ?",
    ).all(idleBefore, CARTS_PER_PASS);
    const byAppspace = new Map<number, IdleCart[]>();
    for (const c of idle) {
      const carts = byAppspace.get(c.appspace_seq);
      if (carts) carts.push(c);
      else byAppspace.set(c.appspace_seq, [c]);
    }
    const markFired = prepared(db, "UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ? AND cart = ?");
    const ledger = sqliteLedger(db);
    let fired = 0;
    for (const [appspace, carts] of byAppspace) {
      fired += runSync(abandonment(appspace, carts), ledger);
      for (const c of carts) markFired.run(appspace, c.cart);
    }
    return fired;
  })();
}
