import type { Tx } from "./connect.js";
import { loadEvent } from "./events.queries.js";
import { rebuildProductName } from "./product-names.queries.js";
import type { Projection } from "./projection.js";
import { addToReadModel } from "./project-events.js";
import { settleRollups } from "./rollups.js";

/**
 * Removes these events with their items and properties, inside the caller's transaction (which
 * holds the projection lock): the read model takes back what they added, and the dedup ledgers
 * keep bare ids (event_ids, orders with event_seq emptied), so a late retry cannot bring them
 * back. How many it removed.
 */
export async function removeEvents(p: Projection, appspace: number, seqs: readonly number[]): Promise<number> {
  const tx: Tx = p.tx;
  const items = new Set<string>();
  for (const seq of seqs) {
    const event = (await loadEvent(tx, seq))!;
    await addToReadModel(p, event, -1);
    for (const i of event.items) items.add(i.item_id);
  }
  if (seqs.length) {
    const list = seqs as number[];
    await tx`UPDATE orders SET event_seq = NULL WHERE appspace_seq = ${appspace} AND event_seq = ANY(${list}::bigint[])`;
    await tx`DELETE FROM event_items WHERE event_seq = ANY(${list}::bigint[])`;
    await tx`DELETE FROM event_properties WHERE event_seq = ANY(${list}::bigint[])`;
    await tx`DELETE FROM events WHERE seq = ANY(${list}::bigint[])`;
  }
  for (const item of items) await rebuildProductName(tx, appspace, item);
  await settleRollups(tx, p.writes, p.dirty);
  await p.writes.flush(tx);
  return seqs.length;
}
