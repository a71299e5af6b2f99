import type { EcommerceEvent } from "@tally/schema";
import { TallyRejectedError, type TallyError } from "./errors.js";
import type { Send } from "./sender.js";

export const BATCH_PATH = "v1/api/analytics/ecommerce/batch";

interface Pending {
  event: EcommerceEvent;
  resolve: () => void;
  reject: (error: TallyError) => void;
}

interface BatchAnswer {
  accepted?: number;
  errors?: string[];
}

export interface BatcherOptions {
  send: Send;
  /** Events per request, at most 100 (the collector's limit). */
  batchSize: number;
  /** How long an event may wait for its batch to fill, in milliseconds. */
  flushInterval: number;
  /** Hears every failure, also those of calls nobody awaits. */
  onError: (error: TallyError) => void;
}

export interface Batcher {
  /** Queues an event; settles when the collector has accepted or refused it. */
  add(event: EcommerceEvent): Promise<void>;
  /** Sends what is queued and waits for every batch; rejects with the first failure since the last flush. */
  flush(): Promise<void>;
  /** Stops the interval timer. */
  stop(): void;
}

/**
 * Collects events into batches for `POST …/ecommerce/batch`: a batch goes when it is full or
 * when its first event has waited `flushInterval`. Batches go one after another, so a collector
 * that is struggling sees one request at a time from this client, and events arrive in order.
 *
 * @example
 * const batcher = createBatcher({ send, batchSize: 100, flushInterval: 1000, onError: console.warn });
 * await batcher.add(event);
 */
export function createBatcher({ send, batchSize, flushInterval, onError }: BatcherOptions): Batcher {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let line: Promise<void> = Promise.resolve();

  async function deliver(batch: Pending[]): Promise<void> {
    let answer: BatchAnswer;
    try {
      answer = ((await send(BATCH_PATH, { events: batch.map((p) => p.event) })) ?? {}) as BatchAnswer;
    } catch (error) {
      const failure = error as TallyError;
      onError(failure);
      for (const p of batch) p.reject(failure);
      throw failure;
    }
    // Partial acceptance: skipped events are named "events[i]: reason"; the rest are in.
    const skipped = new Map<number, string>();
    for (const entry of answer.errors ?? []) {
      const m = /^events\[(\d+)\]: (.*)$/s.exec(entry);
      if (m) skipped.set(Number(m[1]), m[2]!);
    }
    let first: TallyError | undefined;
    batch.forEach((p, i) => {
      const reason = skipped.get(i);
      if (reason === undefined) return p.resolve();
      const error = new TallyRejectedError(
        `${p.event.event_type} ${p.event.event_id} was skipped by the collector: ${reason}`,
        200,
      );
      onError(error);
      p.reject(error);
      first ??= error;
    });
    if (first) throw first;
  }

  /** Sends what is queued now, after the batches already on their way. */
  function drain(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const taken = queue;
    queue = [];
    const batches: Pending[][] = [];
    for (let i = 0; i < taken.length; i += batchSize) batches.push(taken.slice(i, i + batchSize));
    const done = line.then(async () => {
      for (const batch of batches) {
        await deliver(batch).catch((error: TallyError) => {
          unreported ??= error;
        });
      }
    });
    line = done;
    return done;
  }

  // A failure of a batch that went by size or by timer is kept for the next flush() (or close())
  // to reject with: a job that only awaits close() still learns that something was not delivered.
  let unreported: TallyError | undefined;

  async function flush(): Promise<void> {
    await drain();
    const failure = unreported;
    unreported = undefined;
    if (failure) throw failure;
  }

  function add(event: EcommerceEvent): Promise<void> {
    const delivered = new Promise<void>((resolve, reject) => queue.push({ event, resolve, reject }));
    // Marked handled so an unawaited call cannot crash the process with an unhandled rejection;
    // the failure still reaches onError and the next flush().
    delivered.catch(() => {});
    if (queue.length >= batchSize) void drain();
    else timer ??= setTimeout(drain, flushInterval);
    return delivered;
  }

  return { add, flush, stop: () => clearTimeout(timer) };
}
