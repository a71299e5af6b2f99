import { ask, type LedgerProcedure } from "./ledger.js";
import { ReadModelDelta } from "./read-model-delta.js";
import { removeEvents } from "./remove-events.js";
import { entryWithout } from "../ingest/inbox-entry.js";

/**
 * Removes a person: every event holding their user id, an anonymous id stitched to it, or an
 * email seen on those events, with the events' items and properties; their identities; and the
 * platform deliveries kept aside, webhook deliveries (pending ones are cancelled) and watched
 * carts that name them; inbox entries moved aside keep only other people's events. The
 * dedup ledgers keep bare ids, so a late retry cannot bring an erased event back. The read model
 * takes back what they added. Run by the projector (`Projector#erase`), in one store transaction holding the appspace's partition.
 *
 * @example
 * await store.withLedger(appspace, erasePerson(appspace, "user_123"));
 */
export function* erasePerson(appspace: number, userId: string): LedgerProcedure<void> {
  // Found before the identities go: the platform deliveries kept aside may name the person too.
  const needles = yield* ask((l) => l.personNeedles(appspace, userId));
  const seqs = yield* ask((l) => l.personEventSeqs(appspace, userId));
  const delta = new ReadModelDelta();
  const visitors = delta.dirty.of(appspace).visitors;
  visitors.add(userId);
  for (const r of yield* ask((l) => l.identitiesOfUsers(appspace, [userId]))) visitors.add(r.anonymous_id);
  yield* ask((l) => l.deleteIdentitiesOfUser(appspace, userId));
  yield* removeEvents(appspace, seqs, delta);
  yield* ask((l) => l.eraseRejectedDeliveries(appspace, needles));
  yield* ask((l) => l.eraseMentions(appspace, needles));
  const rejected = yield* ask((l) => l.rejectedEntriesNaming(appspace, needles));
  if (rejected.length) {
    const rows = rejected.map((r) => ({ seq: r.seq, body: entryWithout(r.body, needles) }));
    yield* ask((l) => l.rewriteRejectedEntries(appspace, rows));
  }
}
