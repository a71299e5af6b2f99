import type { Entry } from "./outbox.js";

/** Browsers refuse a beacon or keepalive body past 64 KiB, shared by everything in flight. */
export const BEACON_BYTES = 60 * 1024;
export const BATCH_EVENTS = 100;

export interface Losses {
  dropped: number;
  expired: number;
}

/** The body of a `/batch` request: the events, and the loss counts when there are any. */
export function batchBody(entries: Entry[], losses?: Losses): string {
  const sdk = losses && (losses.dropped || losses.expired) ? { sdk: losses } : {};
  return JSON.stringify({ events: entries.map((e) => e.event), ...sdk });
}

/**
 * Cuts entries into batches of at most 100 events and `maxBytes` each, keeping their order
 * (purchases first). An entry larger than `maxBytes` alone is a batch of its own.
 */
export function pack(entries: Entry[], maxBytes: number): Entry[][] {
  const batches: Entry[][] = [];
  let batch: Entry[] = [];
  let size = 20;
  for (const entry of entries) {
    const bytes = JSON.stringify(entry.event).length + 1;
    if (batch.length && (size + bytes > maxBytes || batch.length === BATCH_EVENTS)) {
      batches.push(batch);
      batch = [];
      size = 20;
    }
    batch.push(entry);
    size += bytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

export type Beacon = (url: string, body: string) => boolean;

/**
 * Sends entries by beacon in packs under the beacon limit; a refused beacon is split in halves
 * and each half tried again. Answers the entries no beacon took. Every entry stays in the
 * outbox either way (a beacon has no answer): the next page load sends it again and the
 * collector drops the repeat. Loss counts never go by beacon, so they are counted once.
 */
export function beaconAll(url: string, entries: Entry[], beacon: Beacon): Entry[] {
  const left: Entry[] = [];
  const send = (batch: Entry[]): void => {
    if (beacon(url, batchBody(batch))) return;
    if (batch.length === 1) return void left.push(batch[0]!);
    const half = batch.length >> 1;
    send(batch.slice(0, half));
    send(batch.slice(half));
  };
  pack(entries, BEACON_BYTES).forEach(send);
  return left;
}
