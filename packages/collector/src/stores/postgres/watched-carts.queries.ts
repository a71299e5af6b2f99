import type { Sql } from "./connect.js";
import { abandonment } from "../../webhooks/cart-watch.js";
import { enqueueWebhookEvent } from "./webhooks.queries.js";

const CARTS_PER_PASS = 500;

/**
 * Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart
 * fires once (rows claimed with SKIP LOCKED, one appspace's at a time: one shard on Citus).
 */
export async function fireAbandonedCarts(sql: Sql, idleBefore: number, now: number): Promise<number> {
  return sql.begin(async (tx) => {
    const appspaces = await tx<{ appspace_seq: number }[]>`
      SELECT DISTINCT appspace_seq FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ${idleBefore}`;
    const idle: Array<{ appspace_seq: number; cart: string; last_ts: number; data: string }> = [];
    for (const { appspace_seq: appspace } of appspaces) {
      if (idle.length >= CARTS_PER_PASS) break;
      idle.push(
        ...(await tx<{ appspace_seq: number; cart: string; last_ts: number; data: string }[]>`
          SELECT appspace_seq, cart, last_ts, data FROM watched_carts
          WHERE appspace_seq = ${appspace} AND purchased = 0 AND fired = 0 AND last_ts < ${idleBefore}
          LIMIT ${CARTS_PER_PASS - idle.length} FOR UPDATE SKIP LOCKED`),
      );
    }
    let fired = 0;
    for (const c of idle) {
      const data = abandonment(c);
      if (data) {
        await enqueueWebhookEvent(tx, c.appspace_seq, "cart_abandoned", data, now);
        fired++;
      }
      await tx`UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ${c.appspace_seq} AND cart = ${c.cart}`;
    }
    return fired;
  });
}
