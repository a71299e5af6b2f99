import type { Sql } from "./connect.js";
import type { CartAbandonment, IdleCart } from "../../outbox-port.js";
import { runAsync } from "../../projection/ledger.js";
import { postgresLedger } from "./ledger.js";

const CARTS_PER_PASS = 500;

/**
 * Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart
 * fires once (rows claimed with SKIP LOCKED, one appspace's at a time: one shard on Citus).
 */
export async function fireAbandonedCarts(sql: Sql, idleBefore: number, abandonment: CartAbandonment): Promise<number> {
  return sql.begin(async (tx) => {
    const appspaces = await tx<{ appspace_seq: number }[]>`
      SELECT DISTINCT appspace_seq FROM watched_carts WHERE purchased = 0 AND fired = 0 AND last_ts < ${idleBefore}`;
    let fired = 0;
    let claimed = 0;
    for (const { appspace_seq: seq } of appspaces) {
      if (claimed >= CARTS_PER_PASS) break;
      const idle = await tx<IdleCart[]>`
        SELECT appspace_seq, cart, last_ts, data FROM watched_carts
        WHERE appspace_seq = ${seq} AND purchased = 0 AND fired = 0 AND last_ts < ${idleBefore}
        LIMIT ${CARTS_PER_PASS - claimed} FOR UPDATE SKIP LOCKED`;
      if (idle.length === 0) continue;
      claimed += idle.length;
      fired += await runAsync(abandonment(seq, idle), postgresLedger(tx, seq));
      await tx`UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ${seq} AND cart = ANY(${idle.map((c) => c.cart)}::text[])`;
    }
    return fired;
  });
}
