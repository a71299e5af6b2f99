import type { DueDelivery, Store } from "../store.js";
import { nextAttemptAt } from "./backoff.js";
import { shownUrl } from "../http/shown-url.js";
import { splitUserInfo } from "../http/user-info.js";
import { privateAddressOf } from "./private-address.js";
import { signatureHeader } from "./signature.js";

export type DeliveryResult = "delivered" | "failed" | "gave_up";

export interface DelivererOptions {
  store: Store;
  log?: (message: string) => void;
  /** Hears of every attempt's result (the webhook metrics). */
  onResult?: (result: DeliveryResult) => void;
  pollMs?: number;
  timeoutMs?: number;
  /** How long a claimed delivery is kept from other collectors: longer than an attempt can take. */
  leaseMs?: number;
  batch?: number;
  clock?: () => number;
  random?: () => number;
}

export interface Deliverer {
  /** Starts sending what is due now (up to the batch, less what is still in flight); how many it started. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Sends the webhook outbox: polls for due deliveries (so the first attempt follows projection
 * within a second), POSTs each signed with its webhook's secret, and records the result: a 2xx
 * is final; a timeout, network error or other status is tried again with backoff (see
 * `backoff.ts`) for 24 hours. The outbox is durable and a claim is a lease, so a collector that
 * dies mid-attempt (even by kill -9) leaves the delivery to be sent again: at least once.
 *
 * @example
 * const deliverer = startDeliverer({ store });
 * await deliverer.stop();
 */
export function startDeliverer(options: DelivererOptions): Deliverer {
  const { store } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const clock = options.clock ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = options.leaseMs ?? timeoutMs * 6;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function attempt(d: DueDelivery): Promise<void> {
    let error: string;
    try {
      // Checked at every send, after DNS: a name may point somewhere else than when it was added.
      const inside = d.allow_private ? undefined : await privateAddressOf(d.url);
      if (inside)
        throw new Error(
          `refused: ${new URL(d.url).hostname} is a private address (${inside}); add the webhook with --allow-private to send there`,
        );
      const { url, headers } = splitUserInfo(d.url);
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Tally-Webhooks/1",
          "tally-signature": signatureHeader(d.secret, d.body, clock()),
          ...headers,
        },
        body: d.body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "manual",
      });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) {
        await store.finishDelivery(d.seq, { delivered_at: clock() });
        options.onResult?.("delivered");
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (e) {
      error =
        (e as Error).name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : ((e as Error).message ?? String(e)).replaceAll(d.url, shownUrl(d.url));
    }
    const now = clock();
    const next = nextAttemptAt(d.attempts + 1, d.created_at, now, options.random);
    if (next === undefined) {
      await store.finishDelivery(d.seq, { gave_up_at: now, error });
      options.onResult?.("gave_up");
      log(`webhook ${shownUrl(d.url)}: event ${d.id} given up after ${d.attempts + 1} attempts over 24 h (${error})`);
    } else {
      await store.finishDelivery(d.seq, { next_at: next, error });
      options.onResult?.("failed");
      log(
        `webhook ${shownUrl(d.url)}: event ${d.id} attempt ${d.attempts + 1} failed (${error}); next in ${Math.round((next - now) / 1000)} s`,
      );
    }
  }

  // Attempts run beside the polling, so a receiver that hangs until the timeout holds up only
  // its own deliveries, not the first attempt of everything projected meanwhile.
  const inFlight = new Set<Promise<void>>();
  async function runOnce(): Promise<number> {
    const room = (options.batch ?? 20) - inFlight.size;
    if (room <= 0) return 0;
    const due = await store.claimDeliveries(clock(), leaseMs, room);
    for (const d of due) {
      const sending: Promise<void> = attempt(d)
        .catch((error) => log(`webhook deliverer: ${(error as Error).message}`))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    return due.length;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error) => log(`webhook deliverer: ${(error as Error).message}`))
        .finally(schedule);
    }, options.pollMs ?? 500);
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.all(inFlight);
    },
  };
}
