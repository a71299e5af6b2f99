import type { Cell } from "./store.js";

/** One event waiting for delivery. A purchase and its items are one event, so one entry. */
export interface Entry {
  /** The event's id: also the entry's. */
  id: string;
  /** When it was written (ms); entries older than 7 days are dropped and counted as expired. */
  at: number;
  event: Record<string, unknown>;
  /** Failed attempts so far, for backoff. */
  tries?: number;
  /** Not to be sent again before this time (backoff, or a lease while a tab sends it). */
  wait?: number;
}

/** What is kept: the entries and the counts of events the SDK had to give up. */
export interface Box {
  entries: Entry[];
  dropped: number;
  expired: number;
}

export const MAX_AGE = 7 * 864e5;
const LEASE = 30e3;

const empty = (): Box => ({ entries: [], dropped: 0, expired: 0 });

/**
 * The outbox over an atomic cell: entries are written before any send is tried and removed only
 * after the collector answered 2xx. Taking entries leases them for 30 s, so another tab does not
 * send the same ones at the same time.
 */
export function createOutbox(cell: Cell<Box>, clock = Date.now) {
  const change = (fn: (box: Box) => void) =>
    cell.update((box = empty()) => {
      fn(box);
      return box;
    });

  return {
    add: (entry: Entry) => change((box) => void box.entries.push(entry)),

    /**
     * Leases up to `max` entries that are due, purchases and refunds first; drops expired ones.
     * `next` is when the earliest entry not yet due will be.
     */
    async take(max: number): Promise<{ entries: Entry[]; dropped: number; expired: number; next?: number }> {
      let taken: Entry[] = [];
      let counts = { dropped: 0, expired: 0 };
      let next: number | undefined;
      await change((box) => {
        const now = clock();
        const fresh = box.entries.filter((e) => now - e.at < MAX_AGE);
        box.expired += box.entries.length - fresh.length;
        box.entries = fresh;
        taken = fresh.filter((e) => !(e.wait! > now)).sort(byPriority).slice(0, max);
        for (const e of taken) e.wait = now + LEASE;
        for (const e of fresh) if (!taken.includes(e) && !(e.wait! >= next!)) next = e.wait;
        counts = { dropped: box.dropped, expired: box.expired };
      });
      return { entries: taken, ...counts, next };
    },

    /** Delivered: removes the entries and the loss counts that went with them. */
    done: (ids: string[], reported: { dropped: number; expired: number }, dropped = 0) =>
      change((box) => {
        box.entries = box.entries.filter((e) => !ids.includes(e.id));
        box.dropped = Math.max(0, box.dropped - reported.dropped) + dropped;
        box.expired = Math.max(0, box.expired - reported.expired);
      }),

    /** Not delivered: the entries wait `delay` ms (or, with `drop`, are given up and counted). */
    failed: (ids: string[], delay: number, drop = false) =>
      change((box) => {
        if (drop) {
          box.entries = box.entries.filter((e) => !ids.includes(e.id));
          box.dropped += ids.length;
          return;
        }
        for (const e of box.entries) {
          if (ids.includes(e.id)) {
            e.tries = (e.tries ?? 0) + 1;
            e.wait = clock() + delay;
          }
        }
      }),

    clear: () => change((box) => void (box.entries = [])),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

const isOrder = (e: Entry) => e.event.event_type === "purchase" || e.event.event_type === "refund";
const byPriority = (a: Entry, b: Entry) => Number(isOrder(b)) - Number(isOrder(a)) || a.at - b.at;
export { byPriority };
