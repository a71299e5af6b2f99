import { isOrderType, OUTBOX_DAYS } from "@tally/schema/model";
import type { TallyEvent } from "./event.js";
import { claim, type Orders } from "./guard.js";
import type { Store } from "./store.js";

/**
 * One event waiting for delivery. A purchase and its line items are one event, so one entry.
 *
 * @example
 * const entry: Entry = { id: event.event_id, at: Date.now(), event };
 */
export interface Entry {
  /** The event's id, which is also the entry's. */
  id: string;
  /** When the event was created (ms): after 7 days it is dropped and counted as expired. */
  at: number;
  event: TallyEvent;
  /** Failed attempts so far, for the backoff. */
  tries?: number;
  /** Not to be taken before this time (ms): a backoff, or a lease while some tab sends it. */
  wait?: number;
}

/** Events the SDK had to give up on since its last report to the collector. */
export interface Losses {
  dropped: number;
  expired: number;
}

/** What {@link Outbox.take} hands out: leased entries, the loss counts, and when more are due. */
export interface Taken extends Losses {
  entries: Entry[];
  /** When the earliest entry that was not due will be (ms); Infinity when there is none. */
  next: number;
}

/**
 * How a send ended. `wait` set: not delivered, try again in `wait` ms (0 gives a lease back
 * without counting a try). Otherwise the entries are removed: delivered, or given up and counted
 * in `dropped`. `reported`: these loss counts reached the collector and are taken off.
 */
export interface Outcome {
  wait?: number;
  dropped?: number;
  reported?: Losses;
}

/**
 * The durable queue between the page and the collector (Snowplow's EventStore, in small), and
 * the once-per-order guard. Pass your own to `createTracker({ outbox })`; {@link createOutbox}
 * makes the standard one.
 *
 * @example
 * const tally = createTracker({ key, endpoint, outbox: createOutbox(memoryStore()) }); // nothing kept across page loads
 */
export interface Outbox {
  /**
   * Adds an entry. With `order`, only if that order was never claimed, claiming it in the same
   * atomic step. Answers whether the entry was added.
   */
  add(entry: Entry, order?: string): Promise<boolean>;
  /** Leases up to `max` due entries, purchases and refunds first, then oldest first. */
  take(max: number): Promise<Taken>;
  settle(ids: string[], outcome: Outcome): Promise<unknown>;
  clear(): Promise<unknown>;
}

interface Box extends Losses {
  entries: Record<string, Entry>;
  orders: Orders;
}

/** An entry's life (the collector accepts back-dated events a day longer). */
export const MAX_AGE = OUTBOX_DAYS * 864e5;
/**
 * How long a taken entry is left alone by other tabs: longer than a send should take, short
 * enough that the next page soon sends what a page that went mid-send held (a send that takes
 * longer may go twice; the collector drops the repeat).
 */
export const LEASE = 1e4;

const isOrder = (e: Entry) => isOrderType(e.event.event_type);

/** Purchases and refunds first, then by age. */
export const byPriority = (a: Entry, b: Entry) => +isOrder(b) - +isOrder(a) || a.at - b.at;

/**
 * The outbox over a {@link Store}: every operation is one atomic step on one value (entries,
 * claimed orders, loss counts), so tabs that share the IndexedDB never take an entry another one
 * holds, nor both claim an order.
 *
 * @example
 * const outbox = createOutbox(idbStore());
 * await outbox.add({ id, at: Date.now(), event });
 * const { entries } = await outbox.take(100);
 * await outbox.settle(entries.map((e) => e.id), {}); // delivered
 */
export function createOutbox(store: Store, clock: () => number = Date.now): Outbox {
  const change = (fn: (box: Box, now: number) => unknown) =>
    store.update<Box>("outbox", (box = { entries: {}, orders: {}, dropped: 0, expired: 0 }) => (fn(box, clock()), box));
  return {
    async add(entry, order) {
      let added = false;
      await change((box, now) => (added = !order || claim(box.orders, order, now)) && (box.entries[entry.id] = entry));
      return added;
    },

    async take(max) {
      let taken!: Taken;
      await change((box, now) => {
        const all = Object.values(box.entries).filter(
          (e) => now - e.at < MAX_AGE || (delete box.entries[e.id], box.expired++, false),
        );
        const entries = all
          .filter((e) => !(e.wait! > now))
          .sort(byPriority)
          .slice(0, max);
        taken = {
          entries,
          dropped: box.dropped,
          expired: box.expired,
          next: Math.min(...all.map((e) => (e.wait! > now ? e.wait! : Infinity))),
        };
        for (const e of entries) e.wait = now + LEASE;
      });
      return taken;
    },

    settle: (ids, { wait, dropped = 0, reported }) =>
      change((box, now) => {
        for (const e of ids.map((id) => box.entries[id]!)) {
          if (wait == null) delete box.entries[e?.id];
          else if (e) (e.wait = now + wait), wait && (e.tries = (e.tries || 0) + 1);
        }
        box.dropped = Math.max(0, box.dropped + dropped - (reported?.dropped || 0));
        box.expired = Math.max(0, box.expired - (reported?.expired || 0));
      }),

    clear: () => change((box) => (box.entries = {})),
  };
}
