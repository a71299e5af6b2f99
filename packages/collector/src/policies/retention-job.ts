import type { Store } from "../store.js";
import { purgeExpired } from "../projection/retention.js";
import { DAY_MS } from "../model/time.js";

/** How long a delivered or given-up webhook delivery is kept: its body carries order and customer data. */
export const DELIVERY_RETENTION_DAYS = 30;

/**
 * Removes up to `maxEvents` events older than their appspace's retention, appspace by appspace,
 * each in one short transaction holding its partition; how many it removed.
 */
export async function purgeAllExpired(store: Store, now: number, maxEvents: number): Promise<number> {
  let removed = 0;
  for (const a of await store.listAppspaces()) {
    if (removed >= maxEvents) break;
    removed += await store.withLedger(a.seq, purgeExpired(a.seq, a.retention_days, now, maxEvents - removed));
  }
  return removed;
}

export interface RetentionJobOptions {
  store: Store;
  log?: (message: string) => void;
  intervalMs?: number;
  /** Events removed per transaction: small, so whatever waits behind one waits little. */
  batch?: number;
  clock?: () => number;
}

/**
 * Purges events past their appspace's retention in the background: soon after start, then
 * every `intervalMs`, in transactions of `batch` events with a turn of the event loop between
 * them. (Ingest appends to the inbox, which a purge never touches.)
 *
 * @example
 * const job = startRetentionJob({ store });
 * await job.stop();
 */
export function startRetentionJob(options: RetentionJobOptions) {
  const { store } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const clock = options.clock ?? Date.now;
  const batch = options.batch ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function purge(): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = await purgeAllExpired(store, clock(), batch);
      total += removed;
      if (removed < batch || stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) log(`retention: purged ${total} events older than their appspace's retention`);
    const deliveries = await store.purgeFinishedDeliveries(clock() - DELIVERY_RETENTION_DAYS * DAY_MS);
    if (deliveries > 0)
      log(`retention: purged ${deliveries} webhook deliveries finished over ${DELIVERY_RETENTION_DAYS} days ago`);
    return total;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = purge()
        .catch((error) => log(`retention: purge failed: ${(error as Error).message}`))
        .finally(() => schedule(options.intervalMs ?? 10 * 60_000));
    }, ms);
  }
  schedule(1000);

  return {
    purge,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
