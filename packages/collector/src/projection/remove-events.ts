import { ask, type LedgerProcedure } from "./ledger.js";
import { applyReadModel } from "./apply-read-model.js";
import { ReadModelDelta } from "./read-model-delta.js";

/**
 * Removes stored events of an appspace (an erase, the retention purge) inside the caller's
 * transaction: the read model takes back what they added, the product names they held are found
 * again from what is left, and the dedup ledgers keep bare ids. `delta` may carry entities the
 * caller already knows changed (an erased person's visitors). How many it removed.
 */
export function* removeEvents(
  appspace: number,
  seqs: readonly number[],
  delta = new ReadModelDelta(),
): LedgerProcedure<number> {
  const items = new Set<string>();
  if (seqs.length) {
    for (const event of (yield* ask((l) => l.loadEvents(seqs))).values()) {
      delta.add(event, -1);
      for (const i of event.items) items.add(i.item_id);
    }
    yield* ask((l) => l.removeEvents(appspace, seqs));
  }
  if (items.size) yield* ask((l) => l.rebuildProductNames(appspace, [...items]));
  yield* applyReadModel(appspace, delta);
  return seqs.length;
}
