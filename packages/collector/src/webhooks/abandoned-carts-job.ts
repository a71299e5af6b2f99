import type { Store } from "../store.js";
import { CART_IDLE_MS, cartAbandonment } from "./cart-watch.js";

/**
 * Looks for carts idle for an hour with items and no purchase every `intervalMs`, and puts a
 * `cart_abandoned` event for each in the webhook outbox (once per cart).
 */
export function startAbandonedCartsJob(options: {
  store: Store;
  log?: (m: string) => void;
  intervalMs?: number;
  clock?: () => number;
}) {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((m: string) => console.error(m));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    const now = clock();
    running = options.store
      .fireAbandonedCarts(now - CART_IDLE_MS, cartAbandonment(now))
      .catch((error) => log(`cart_abandoned: ${(error as Error).message}`));
  }, options.intervalMs ?? 5000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
