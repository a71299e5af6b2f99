import { MAX_BATCH_EVENTS } from "@tally/schema/model";
import type { Entry, Losses } from "./outbox.js";

/** Browsers refuse a beacon past 64 KiB, a quota shared with keepalive requests in flight. */
export const BEACON_BYTES = 60 * 1024;
/** A fetch batch stays well under the collector's 1 MiB body limit. */
export const FETCH_BYTES = 512 * 1024;
/** The collector's limit on events in one `/batch` request. */
export const BATCH_EVENTS = MAX_BATCH_EVENTS;

/**
 * The body of a `/batch` request: the events, and the loss counts when there are any.
 *
 * @example
 * batchBody(entries, { dropped: 2, expired: 0 }); // '{"events":[…],"sdk":{"dropped":2,"expired":0}}'
 */
export function batchBody(entries: Entry[], losses?: Losses): string {
  return JSON.stringify({
    events: entries.map((e) => e.event),
    ...(losses && (losses.dropped || losses.expired) && { sdk: losses }),
  });
}

/**
 * Cuts entries into batches of at most 100 events and about `maxBytes` each, in their order.
 * An entry is never cut: one larger than `maxBytes` is a batch of its own.
 *
 * @example
 * pack(entries, BEACON_BYTES).forEach((batch) => navigator.sendBeacon(url, batchBody(batch)));
 */
export function pack(entries: Entry[], maxBytes: number): Entry[][] {
  const batches: Entry[][] = [];
  let batch: Entry[] = [];
  let size = 0;
  for (const entry of entries) {
    const bytes = JSON.stringify(entry.event).length + 1;
    if (batch.length && (size + bytes > maxBytes - 64 || batch.length === BATCH_EVENTS)) {
      batches.push(batch);
      (batch = []), (size = 0);
    }
    batch.push(entry);
    size += bytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** A refused beacon is split down to about this size; then it goes by a plain fetch instead. */
export const SPLIT_BYTES = 16 * 1024;

/**
 * Hands entries to `beacon` in packs under the beacon limit. The browser's keepalive quota
 * (64 KiB) is shared by the whole page, so a beacon can be refused however small: a refused pack
 * is split in halves down to about 16 KiB, and what is still refused goes to `post`, a plain
 * fetch that the quota does not bind. Either way the entries stay in the outbox for the next
 * page until a collector's answer is seen, so none is lost. Loss counts never go this way (there
 * is no answer to reset them by).
 *
 * @example
 * beaconAll(entries, (body) => navigator.sendBeacon(url, body), (body) => void fetch(url, { method: "POST", body }));
 */
export function beaconAll(entries: Entry[], beacon: (body: string) => boolean, post: (body: string) => void): void {
  const send = (batch: Entry[]) => {
    const body = batchBody(batch);
    if (beacon(body)) return;
    if (body.length > SPLIT_BYTES && batch.length > 1) {
      send(batch.slice(0, batch.length / 2));
      send(batch.slice(batch.length / 2));
    } else post(body);
  };
  pack(entries, BEACON_BYTES).forEach(send);
}
