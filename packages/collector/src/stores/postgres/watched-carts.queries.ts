import type { Sql } from "./connect.js";
import type { CartAbandonment, IdleCart } from "../../outbox-port.js";

const CARTS_PER_PASS = 500;

/**
 * Outbox events for carts idle since before `idleBefore` with items and no purchase; each cart
 * fires once (rows claimed with SKIP LOCKED, one appspace's at a time: one shard on Citus).
 */
export async function fireAbandonedCarts(
  sql: Sql,
  idleBefore: number,
  now: number,
  abandonment: CartAbandonment,
): Promise<number> {
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
      const [appspace] = await tx<
        { id: string; currency: string }[]
      >`SELECT id, currency FROM appspaces WHERE seq = ${seq}`;
      const hooks = (
        await tx<{ id: string }[]>`
          SELECT id FROM webhooks WHERE appspace_seq = ${seq} AND 'cart_abandoned' = ANY(string_to_array(events, ','))`
      ).map((r) => r.id);
      const events = idle.flatMap((c) => abandonment(c, appspace!) ?? []);
      fired += events.length;
      if (events.length && hooks.length)
        await tx`INSERT INTO webhook_deliveries (appspace_seq, id, webhook_id, body, created_at, next_at)
          SELECT ${seq}, e.id, hook, e.body, ${now}, ${now}
          FROM unnest(${events.map((e) => e.id)}::text[], ${events.map((e) => e.body)}::text[]) AS e(id, body),
               unnest(${hooks}::text[]) AS hook`;
      await tx`UPDATE watched_carts SET fired = 1 WHERE appspace_seq = ${seq} AND cart = ANY(${idle.map((c) => c.cart)}::text[])`;
    }
    return fired;
  });
}
