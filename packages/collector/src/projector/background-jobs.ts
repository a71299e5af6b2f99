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
  options: { log: (message: string) => void; onDelivery?: (result: DeliveryResult) => void },
): BackgroundJobs {
  const jobs = [
    startDeliverer({ store, log: options.log, onResult: options.onDelivery }),
    startAbandonedCartsJob({ store, log: options.log }),
    startRetentionJob({ store, log: options.log }),
  ];
  return {
    async stop() {
      await Promise.all(jobs.map((j) => j.stop()));
    },
  };
}
