import type { Store } from "../store.js";

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
      const removed = await store.purgeExpired(clock(), batch);
      total += removed;
      if (removed < batch || stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) log(`retention: purged ${total} events older than their appspace's retention`);
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
