import type { Store } from "../store.js";
import { startRetentionJob } from "../policies/retention-job.js";
import { startAbandonedCartsJob } from "../webhooks/abandoned-carts-job.js";
import { startDeliverer, type DeliveryResult } from "../webhooks/deliverer.js";

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/**
 * What runs beside the projector on the connection that writes the main database: webhook
 * delivery, abandoned-cart detection and the retention purge. (On SQLite a second writer on
 * the request thread would wait synchronously for the projector's transactions.)
 */
export function startBackgroundJobs(
  store: Store,
  options: { log: (message: string) => void; onDelivery?: (result: DeliveryResult) => void; clock?: () => number },
): BackgroundJobs {
  const { log, clock } = options;
  const jobs = [
    startDeliverer({ store, log, clock, onResult: options.onDelivery }),
    startAbandonedCartsJob({ store, log, clock }),
    startRetentionJob({ store, log, clock }),
  ];
  return {
    async stop() {
      await Promise.all(jobs.map((j) => j.stop()));
    },
  };
}
