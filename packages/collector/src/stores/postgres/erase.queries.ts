import type { Sql } from "./connect.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { cartEffect, itemsValue } from "../../rules/cart.js";
import { rebuildProductName } from "./product-names.queries.js";
import { loadEvent } from "./events.queries.js";
import { PROJECTION_LOCK } from "./inbox.queries.js";
import { Projection } from "./projection.js";
import { addToReadModel } from "./project-events.js";
import { settleRollups } from "./rollups.js";

/**
 * Removes a person: every event holding their user id, an anonymous id stitched to it, or an
 * email seen on those events, with the events' items and properties; and their identities.
 * The dedup ledgers keep bare ids, so a late retry cannot bring an erased event back. The read
 * model takes back what they added. One transaction, holding the projection lock (it changes
 * what the projector keeps).
 */
export async function erasePerson(sql: Sql, appspace: number, userId: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`;
    const direct = await tx<{ seq: number; email: string | null }[]>`
      SELECT seq, email FROM events WHERE appspace_seq = ${appspace} AND user_id = ${userId}
      UNION SELECT e.seq, e.email FROM identities i JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
      WHERE i.appspace_seq = ${appspace} AND i.user_id = ${userId}`;
    const emails = [...new Set(direct.map((r) => r.email).filter((e): e is string => e !== null))];
    const byEmail = emails.length
      ? await tx<{ seq: number }[]>`SELECT seq FROM events WHERE appspace_seq = ${appspace} AND email = ANY(${emails}::text[])`
      : [];
    const seqs = [...new Set([...direct.map((r) => r.seq), ...byEmail.map((r) => r.seq)])];

    const p = new Projection(tx);
    const items = new Set<string>();
    for (const seq of seqs) {
      const event = (await loadEvent(tx, seq))!;
      await applyToCartDay(tx, appspace, event.day, cartEffect(event, itemsValue(event.items), -1));
      addToReadModel(p, event, -1);
      for (const i of event.items) items.add(i.item_id);
    }
    const dirty = p.dirtyOf(appspace);
    dirty.visitors.add(userId);
    for (const { anonymous_id } of await tx<{ anonymous_id: string }[]>`
      SELECT anonymous_id FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}`) {
      dirty.visitors.add(anonymous_id);
    }
    if (seqs.length) {
      await tx`UPDATE orders SET event_seq = NULL WHERE appspace_seq = ${appspace} AND event_seq = ANY(${seqs}::bigint[])`;
      await tx`DELETE FROM event_items WHERE event_seq = ANY(${seqs}::bigint[])`;
      await tx`DELETE FROM event_properties WHERE event_seq = ANY(${seqs}::bigint[])`;
      await tx`DELETE FROM events WHERE seq = ANY(${seqs}::bigint[])`;
    }
    await tx`DELETE FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}`;
    for (const item of items) await rebuildProductName(tx, appspace, item);
    await settleRollups(tx, p.writes, p.dirty);
    await p.writes.flush(tx);
  });
}
