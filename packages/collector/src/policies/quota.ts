import { TallyError } from "../errors.js";
import type { AppspaceRow, QuotaCharge, Store } from "../store.js";
import type { KeyKind } from "../auth/keys.js";
import { monthOf, secondsToMonthEnd } from "./month.js";
import { settingsOf } from "./settings.js";

/** The seed's words once an appspace's monthly quota is used up. */
export const QUOTA_MESSAGE = "Ecommerce event quota exceeded";

/** How long a durable count is trusted before it is read again (what other collectors added shows up within it). */
export const QUOTA_REFRESH_MS = 1000;

export interface QuotaGate {
  /**
   * Counts a request's accepted events against the appspace's quota, whatever the key. A
   * publishable key's request is refused whole with 429 and `Retry-After` (seconds until the
   * month ends) when its events would cross the quota; a secret key's never is: the shop's own
   * server sends the orders of record, and a browser-side flood must not lock them out. Repeats
   * of an event id the store has already seen do not count. The charge goes into the request's
   * inbox entry (counted durably in the same commit); `settle` says how that went.
   */
  reserve(
    appspace: AppspaceRow,
    keyKind: KeyKind,
    eventIds: ReadonlyArray<string | undefined>,
    now: number,
  ): Promise<QuotaCharge | undefined>;
  settle(charge: QuotaCharge | undefined, committed: boolean): void;
}

interface Count {
  month: number;
  /** The durable count as last read. */
  stored: number;
  /** Reserved here since that read. */
  local: number;
  /** Reserved here and not yet committed (kept across a refresh). */
  inFlight: number;
  readAt: number;
}

/**
 * The quota check on the request path: a count per appspace in memory, started from and
 * refreshed every `refreshMs` from the store's durable count (which every collector on the
 * database adds to), so a request costs no store round trip most of the time.
 *
 * @example
 * const quota = createQuotaGate(store);
 * const charge = await quota.reserve(appspace, "publishable", ["evt_1"], Date.now());
 */
export function createQuotaGate(store: Store, refreshMs = QUOTA_REFRESH_MS): QuotaGate {
  const counts = new Map<number, Count>();

  async function countOf(seq: number, month: number): Promise<Count> {
    const now = performance.now();
    let count = counts.get(seq);
    if (!count || count.month !== month || now - count.readAt >= refreshMs) {
      const stored = await store.quotaUsage(seq, month);
      const inFlight = count?.month === month ? count.inFlight : 0;
      count = { month, stored, local: inFlight, inFlight, readAt: now };
      counts.set(seq, count);
    }
    return count;
  }

  return {
    async reserve(appspace, keyKind, eventIds, now) {
      const { quota } = settingsOf(appspace);
      if (quota === null || eventIds.length === 0) return undefined;
      const named = [...new Set(eventIds.filter((id): id is string => id !== undefined))];
      const known = named.length ? await store.knownEventIds(appspace.seq, named) : new Set<string>();
      const events = eventIds.filter((id) => id === undefined).length + named.filter((id) => !known.has(id)).length;
      const month = monthOf(now);
      const count = await countOf(appspace.seq, month);
      if (keyKind === "publishable" && count.stored + count.local + events > quota) {
        throw new TallyError(429, "ingest.quota_exceeded", QUOTA_MESSAGE, {
          "Retry-After": String(secondsToMonthEnd(now)),
        });
      }
      count.local += events;
      count.inFlight += events;
      return { appspaceSeq: appspace.seq, month, events };
    },
    settle(charge, committed) {
      if (!charge) return;
      const count = counts.get(charge.appspaceSeq);
      if (!count || count.month !== charge.month) return;
      count.inFlight -= charge.events;
      if (!committed) count.local -= charge.events;
    },
  };
}
