import { DAY_MS } from "../model/time.js";
import { ask, type LedgerProcedure } from "./ledger.js";
import { removeEvents } from "./remove-events.js";

/**
 * Removes up to `maxEvents` of an appspace's events older than its retention, oldest first, with
 * their read-model contributions, and its SDK loss reports and watched carts as old; how many
 * events. Event and order ids stay in the dedup ledgers, so a late retry cannot bring a purged
 * order back.
 */
export function* purgeExpired(
  appspace: number,
  retentionDays: number,
  now: number,
  maxEvents: number,
): LedgerProcedure<number> {
  const cutoff = now - retentionDays * DAY_MS;
  const seqs = yield* ask((l) => l.expiredEventSeqs(appspace, cutoff, maxEvents));
  const removed = yield* removeEvents(appspace, seqs);
  yield* ask((l) => l.purgeExpiredFacts(appspace, cutoff));
  return removed;
}
