import { backoff } from "./backoff.js";
import { byPriority, type Entry, type Losses, type Outbox } from "./outbox.js";
import { BATCH_EVENTS, FETCH_BYTES, batchBody, beaconAll, pack } from "./pack.js";
import { TallyError } from "./errors.js";
import type { Answer, Transport } from "./transport.js";

export interface DeliveryOptions {
  outbox: Outbox;
  transport: Transport;
  clock: () => number;
  report: (error: TallyError) => void;
  /** Debug output. */
  trace: (...what: unknown[]) => void;
}

/**
 * Moves entries from the outbox to the collector. `flush` sends what is due with `fetch`; an
 * entry leaves the outbox only after a 2xx (or a 4xx that no retry can fix, counted as dropped),
 * and a failure puts it back to wait (backoff, `Retry-After`). `unload` beacons what this page
 * still holds, because the page may not live to see its fetches answered; those entries stay in
 * the outbox and go again with the next page (the collector drops repeats by `event_id`).
 *
 * @example
 * const delivery = createDelivery({ outbox, transport, clock: Date.now, report: console.warn, trace() {} });
 * addEventListener("pagehide", delivery.unload);
 * await delivery.flush();
 */
export function createDelivery({ outbox, transport, clock, report, trace }: DeliveryOptions) {
  /** What this page knows is undelivered, readable at once: the unload beacon's source. */
  const pending = new Map<string, Entry>();
  let chain = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** One take from the outbox; answers how many entries it handled (0: nothing was due). */
  async function round(): Promise<number> {
    const { entries, next, ...counts } = await outbox.take(BATCH_EVENTS);
    let losses: Losses | undefined = counts;
    // The next flush, when the earliest entry not due now will be (every round plans it anew).
    clearTimeout(timer);
    if (next < Infinity) timer = setTimeout(flush, next - clock());
    for (const e of entries) pending.set(e.id, e);
    for (const batch of pack(entries, FETCH_BYTES)) {
      const ids = batch.map((e) => e.id);
      const answer: Answer = (await transport
        .send(batchBody(batch, losses))
        .catch((e) => void report(new TallyError("sdk.network", e)))) || {
        status: 0,
      };
      const { status, errors = [] } = answer;
      const ok = status > 199 && status < 300;
      trace("sent", ids.length, status);
      // Anything but a 2xx or a 4xx that no retry fixes (408 and 429 do) is tried again later.
      if (!ok && !(status > 399 && status < 500 && status != 408 && status != 429)) {
        const wait = backoff(Math.max(...batch.map((e) => e.tries || 0)), answer.retryAfter);
        if (status) report(new TallyError("sdk.retry", `${status}, again in ${wait} ms`));
        // The rest of this take waits too (its lease would hold it back anyway).
        await outbox.settle(
          entries.slice(entries.indexOf(batch[0]!)).map((e) => e.id),
          { wait },
        );
        break;
      }
      // Delivered, or refused for good (a 4xx no retry fixes): out of the outbox, losses counted.
      const lost = ok ? errors.length : ids.length;
      if (lost) report(new TallyError("sdk.refused", `${status}, ${lost} events: ${ok ? errors : answer.text}`));
      await outbox.settle(ids, { dropped: lost, reported: ok ? losses : undefined });
      if (ok) losses = undefined;
      for (const id of ids) pending.delete(id);
    }
    return entries.length;
  }

  /**
   * Sends what is due; resolves when that is over (delivered, or planned again). Flushes run one
   * after another, so a call during one is answered by a round that sees what was added meanwhile.
   */
  const flush = (): Promise<void> =>
    (chain = chain
      .then(async () => {
        for (let i = 0; i < 99 && (await round()); i++);
      })
      .catch(report));

  /**
   * The page is going, or hidden: beacons what it holds, purchases and refunds first; what no
   * beacon takes goes by a plain fetch, unanswered. Either way it stays in the outbox.
   */
  function unload() {
    const entries = [...pending.values()].sort(byPriority);
    beaconAll(entries, transport.beacon, (body) => void transport.send(body, true).catch(report));
    trace("beacon", entries.length);
    pending.clear();
  }

  return { pending, flush, unload, stop: () => clearTimeout(timer) };
}

export type Delivery = ReturnType<typeof createDelivery>;
