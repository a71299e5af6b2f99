import type { Store } from "../store.js";
import { ask, type LedgerProcedure } from "./ledger.js";
import { applyReadModel } from "./apply-read-model.js";
import { ReadModelDelta } from "./read-model-delta.js";

const CHUNK = 5000;

/**
 * Recomputes the whole read model from the stored events, in one transaction holding every
 * partition: every event's own facts, then every session, cart and visitor. For databases
 * written before the read model (or before it changed), for copies (`migrate`), and for tests
 * that check that what the projector kept step by step equals a fresh computation.
 */
export function* rebuildReadModel(): LedgerProcedure<void> {
  yield* ask((l) => l.clearReadModel());
  const byAppspace = new Map<number, ReadModelDelta>();
  let after = 0;
  for (;;) {
    const seqs = yield* ask((l) => l.eventSeqsAfter(after, CHUNK));
    if (seqs.length === 0) break;
    for (const event of (yield* ask((l) => l.loadEvents(seqs))).values()) {
      let delta = byAppspace.get(event.appspace_seq);
      if (!delta) byAppspace.set(event.appspace_seq, (delta = new ReadModelDelta()));
      delta.add(event, 1);
    }
    after = seqs[seqs.length - 1]!;
  }
  for (const [appspace, delta] of byAppspace) yield* applyReadModel(appspace, delta);
  yield* ask((l) => l.markReadModelBuilt());
}

/** Builds the read model once, for a database whose events predate it. */
export async function ensureReadModel(store: Store): Promise<void> {
  await store.withLedger(
    undefined,
    (function* () {
      if (!(yield* ask((l) => l.readModelBuilt()))) yield* rebuildReadModel();
    })(),
  );
}
