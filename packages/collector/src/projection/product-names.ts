import type { StoredEvent } from "../model/stored-event.js";
import { ask, type LedgerProcedure } from "./ledger.js";

/**
 * Product names after a step: each item's latest name among the new events (by time, then seq),
 * which the store keeps where it is later than its own; items whose stored events a merge
 * changed (`rebuild`) are looked up again.
 */
export function* updateProductNames(
  appspace: number,
  added: ReadonlyArray<{ seq: number; event: StoredEvent }>,
  rebuild: ReadonlySet<string>,
): LedgerProcedure<void> {
  const names = new Map<string, { item_id: string; item_name: string; ts: number; event_seq: number }>();
  for (const { seq, event } of added) {
    for (const i of event.items) {
      if (!i.item_name) continue;
      const had = names.get(i.item_id);
      if (!had || event.ts > had.ts || (event.ts === had.ts && seq >= had.event_seq))
        names.set(i.item_id, { item_id: i.item_id, item_name: i.item_name, ts: event.ts, event_seq: seq });
    }
  }
  if (names.size) yield* ask((l) => l.noteProductNames(appspace, [...names.values()]));
  if (rebuild.size) yield* ask((l) => l.rebuildProductNames(appspace, [...rebuild]));
}
