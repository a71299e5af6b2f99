import { createBatcher } from "./batcher.js";
import { sessionFromCookie } from "./cookie.js";
import { TallyUsageError } from "./errors.js";
import { freshEventId } from "./event-id.js";
import { buildEvent, type EventFields, type PurchaseFields, type RefundFields } from "./fields.js";
import { resolveOptions, type ClientOptions } from "./options.js";
import { createSender } from "./sender.js";

/** Where `identify` goes: the collector's Segment-compatible identify route. */
export const IDENTIFY_PATH = "v1/identify";

/**
 * Who `identify` links to the user: an anonymous id, or the request's cookie.
 *
 * @example
 * await tally.identify("user-9", { cookie: req.headers.cookie });
 * await tally.identify("user-9", "0f8c5a12-3b4c-4d5e-8f60-718293a4b5c6");
 */
export type IdentifyTarget = string | { anonymous_id?: string; cookie?: string | null };

/**
 * A server-side Tally client; see `createClient`.
 *
 * @example
 * const tally: TallyClient = createClient({ key: "sk_live_…", endpoint: "https://tally.example.com" });
 * await tally.refund({ transaction_id: "A-1001", revenue: 19.95, currency: "EUR" });
 * await tally.close();
 */
export interface TallyClient {
  /**
   * Sends a confirmed order. Its `event_id` comes from the secret key and `transaction_id`, so
   * sending it again (a retry, a re-run job) never counts it twice. Settles when the collector
   * has accepted the event (or refused it for good).
   */
  purchase(order: PurchaseFields): Promise<void>;
  /** Sends a refund; counted once per `transaction_id`, like a purchase. */
  refund(refund: RefundFields): Promise<void>;
  /**
   * Sends any of the 13 event types (or a Segment name such as `"Product Added"`). A purchase or
   * refund sent this way gets the same derived `event_id`; any other event a fresh one unless
   * `event_id` is given (pass your own to make a re-run job idempotent for it too).
   */
  track(type: string, fields?: EventFields): Promise<void>;
  /**
   * Links an anonymous browser visitor (an id, or the request's cookie) to a user id, through the
   * collector's Segment-compatible `POST /v1/identify` (the ingest contract has no identify
   * event). Not batched: one request, retried like the others.
   */
  identify(userId: string | number, anonymous?: IdentifyTarget): Promise<void>;
  /** Sends everything queued and waits for it; rejects with the first failure since the last flush. */
  flush(): Promise<void>;
  /** Flushes, then stops the timer; later calls throw. */
  close(): Promise<void>;
}

/**
 * A server-side client for a Tally collector, holding the appspace's secret key. Events are
 * checked at once against the ingest contract (a bad one throws `TallyUsageError`), then sent
 * in batches of up to `batchSize` or every `flushInterval` ms, retried with backoff and jitter
 * on network errors, 429 and 5xx (waiting out a `Retry-After` up to `maxRetryAfter`), never on
 * another 4xx. Each call's promise settles when its event is delivered; failures also reach
 * `onError` and the next `flush()`, so an unawaited call never crashes the process.
 *
 * @example
 * import { createClient } from "@tally/node";
 *
 * const tally = createClient({ key: process.env.TALLY_SECRET_KEY!, endpoint: "https://tally.example.com" });
 *
 * // In the handler that confirms the order: the browser's cookie joins it to the visit.
 * await tally.purchase({
 *   transaction_id: order.id,
 *   revenue: 59.9,
 *   currency: "EUR",
 *   user_id: order.customerId,
 *   items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 29.95, quantity: 2 }],
 *   cookie: req.headers.cookie,
 * });
 *
 * process.on("SIGTERM", () => tally.close());
 */
export function createClient(options: ClientOptions): TallyClient {
  const o = resolveOptions(options);
  const send = createSender(o);
  const batcher = createBatcher({ send, batchSize: o.batchSize, flushInterval: o.flushInterval, onError: o.onError });
  let closed = false;
  /** identify requests on their way, and the first failure since the last flush. */
  const identifying = new Set<Promise<void>>();
  let identifyFailure: unknown;

  async function flush(): Promise<void> {
    const [batches] = await Promise.allSettled([batcher.flush(), Promise.all(identifying)]);
    const failure = batches.status === "rejected" ? batches.reason : identifyFailure;
    identifyFailure = undefined;
    if (failure) throw failure;
  }

  const open = (call: string) => {
    if (closed) throw new TallyUsageError(`${call}: the client is closed`);
  };
  const track = (type: string, fields: EventFields = {}) => {
    open(type);
    if (typeof type !== "string" || type === "") throw new TallyUsageError("track: an event type is required");
    return batcher.add(buildEvent(o.key, type, fields));
  };

  return {
    purchase: (order) => track("purchase", order),
    refund: (refund) => track("refund", refund),
    track,
    identify(userId, anonymous) {
      open("identify");
      if ((typeof userId !== "string" && typeof userId !== "number") || userId === "")
        throw new TallyUsageError("identify: a user id is required");
      const target = typeof anonymous === "string" ? { anonymous_id: anonymous } : (anonymous ?? {});
      const anonymousId = target.anonymous_id ?? sessionFromCookie(target.cookie)?.anonymous_id;
      if (!anonymousId)
        throw new TallyUsageError("identify: an anonymous id is required (an id, or a cookie carrying _tally)");
      // The ingest contract has no identify event: Segment's identify call is the one that links ids.
      const body = {
        type: "identify",
        userId: String(userId),
        anonymousId,
        messageId: freshEventId(),
        timestamp: new Date().toISOString(),
      };
      const sent = send(IDENTIFY_PATH, body, {
        authorization: `Basic ${Buffer.from(`${o.key}:`).toString("base64")}`,
      }).then(
        () => undefined,
        (error) => {
          o.onError(error);
          identifyFailure ??= error;
          throw error;
        },
      );
      // Marked handled for callers who do not await it; onError has heard the failure.
      const settled = sent.catch(() => {}).finally(() => identifying.delete(settled));
      identifying.add(settled);
      return sent;
    },
    flush,
    async close() {
      closed = true;
      try {
        await flush();
      } finally {
        batcher.stop();
      }
    },
  };
}
