import { conversionFields, isOrderType, type Conversion, type EventFields } from "@tally/schema/model";
import { checkConversion, checkEvent } from "./check-event.js";
import { doNotTrack, storedConsent } from "./consent.js";
import { createDelivery } from "./delivery.js";
import { TallyError, usageError } from "./errors.js";
import { buildEvent } from "./event.js";
import { loadVisit, saveVisit, type Visit } from "./identity.js";
import { derivedId, randomId } from "./ids.js";
import { createOutbox, type Entry, type Outbox } from "./outbox.js";
import { touch } from "./session.js";
import { idbStore } from "./store.js";
import { journal, note } from "./journal.js";
import { fetchTransport, type Transport } from "./transport.js";

/**
 * How a tracker is made: the key and the collector, and optionally its parts.
 *
 * @example
 * const options: TrackerOptions = { key: "pk_live_1", endpoint: "https://tally.example.com", onError: console.warn };
 */
export interface TrackerOptions {
  /** The appspace's publishable key (`pk_…`). */
  key: string;
  /** The collector's origin, e.g. `https://tally.example.com`. */
  endpoint: string;
  /** Called with every problem the SDK kept from the page (network, storage, refused events), a {@link TallyError}. */
  onError?: (error: TallyError) => void;
  /** Logs each step the SDK takes to the console. */
  debug?: boolean;
  /** Track nothing while the browser sends Do Not Track. */
  respectDnt?: boolean;
  /** Where events wait and tracked orders are remembered; defaults to IndexedDB, falling back to memory. */
  outbox?: Outbox;
  /** How batches travel; defaults to `fetch` and `sendBeacon` to the endpoint. */
  transport?: Transport;
  /** Epoch milliseconds now (tests). */
  clock?: () => number;
}

/**
 * What `config` may change on a running tracker.
 *
 * @example
 * await tally.config({ debug: true });
 */
export type TrackerConfig = Pick<TrackerOptions, "debug" | "onError">;

/**
 * What `createTracker` answers. Its methods resolve once the event is in the outbox and never
 * reject; in the npm build a misuse throws `TallyUsageError` at the call.
 *
 * @example
 * await tally.identify("user-9");
 * await tally.track("Product Added", { cart_id: "c1", items: [{ item_id: "sku_1", price: 24.99 }] });
 */
export interface Tracker {
  /** Records one of the 13 ecommerce events, or a Segment/MetaRouter name such as "Product Added". */
  track(type: string, fields?: EventFields): Promise<void>;
  /** Records a purchase with its line items, once per `transaction_id`. */
  purchase(fields: EventFields): Promise<void>;
  /** Records a refund, once per `transaction_id`. */
  refund(fields: EventFields): Promise<void>;
  /** Hello Retail's `trackConversion`: a purchase from `{ total, orderNumber, … }`. */
  trackConversion(conversion: Conversion): Promise<void>;
  /** Puts `userId` on every later event, which links this browser's anonymous id to it; `null` forgets it. */
  identify(userId: string | number | null): Promise<void>;
  /** A page view in a single-page app: keeps the session alive, starts one for a new campaign. */
  page(): Promise<void>;
  /** `false` stops tracking, clears the outbox and forgets the ids; `true` allows it again. */
  consent(granted: boolean): Promise<void>;
  /** Sends what is due now; resolves when that round is over. */
  flush(): Promise<void>;
  /** Changes `debug` or `onError`. */
  config(change: TrackerConfig): Promise<void>;
  /** Stops listening to the page (npm build; the script tag's tracker lives as long as its page). */
  destroy(): void;
}

/**
 * Creates a tracker. Every event is written to the outbox before any send, delivered by `fetch`
 * and by `sendBeacon` when the page goes, and kept until the collector has it; a purchase or
 * refund is enqueued once per order, with an `event_id` derived from the key and the order id.
 *
 * @example
 * const tally = createTracker({ key: "pk_live_1", endpoint: "https://tally.example.com" });
 * await tally.purchase({ transaction_id: "order_456", revenue: 49.99, currency: "USD", items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }] });
 */
export function createTracker(options: TrackerOptions): Tracker {
  const { key, endpoint } = options || {};
  const clock = (__NPM__ && options.clock) || Date.now;
  // Only a publishable key: a secret one in a page is anyone's, so it is never sent anywhere.
  if (!/^pk_/.test(key) || !endpoint) throw usageError("needs a pk_ key and an endpoint");
  const log = (...what: unknown[]) => options.debug && console.log("[tally]", ...what);
  /** Every problem goes to `onError` as a TallyError; whatever else was thrown becomes its cause. */
  const report = (error: unknown) => {
    const problem = error instanceof TallyError ? error : new TallyError("sdk.command", error);
    log(problem);
    try {
      options.onError?.(problem);
    } catch {
      // The page's own hook threw: there is nowhere left to report that to.
    }
  };
  const outbox =
    (__NPM__ && options.outbox) ||
    createOutbox(
      idbStore("tally", (error) => report(new TallyError("sdk.storage", error))),
      clock,
    );
  const url = `${endpoint.replace(/\/+$/, "")}/v1/api/analytics/ecommerce/batch?key=${encodeURIComponent(key)}`;
  const delivery = createDelivery({
    outbox,
    transport: (__NPM__ && options.transport) || fetchTransport(url),
    clock,
    report,
    trace: log,
  });
  let granted = true;
  /** The visit, also for when storage keeps none (localStorage and cookies both blocked). */
  let visit: Visit | undefined;

  const on = () => !(options.respectDnt && doNotTrack()) && (storedConsent() ?? granted);
  const touchVisit = () => (
    saveVisit((visit = touch(loadVisit() || visit, location.href, document.referrer, clock()))), visit
  );
  const flush = () => (on() ? delivery.flush() : Promise.resolve());

  /** Puts an entry in the outbox (claiming its order), then out of the journal. */
  async function add(entry: Entry, order?: string) {
    const added = await outbox.add(entry, order);
    note(undefined, entry.id);
    if (!added) delivery.pending.delete(entry.id);
    return added;
  }

  // Everything up to the outbox write runs in the task of the call, so a page that goes at once
  // still has the event: in the journal for the next page, and in the unload beacon.
  async function enqueue(type: string, fields: EventFields): Promise<void> {
    if (!on()) return;
    const now = clock();
    const event = buildEvent(type, fields, touchVisit(), now);
    const order = isOrderType(type) ? `${key}:${type}:${fields.transaction_id}` : undefined;
    const id = (event.event_id = order ? derivedId(order) : randomId());
    const entry = { id, at: now, event };
    note([entry, order]);
    // A repeat that goes out by this beacon is dropped by the collector: same derived event_id.
    delivery.pending.set(id, entry);
    if (await add(entry, order)) {
      log("queued", event);
      void flush();
    } else log("repeat order", order);
  }

  const track = (type: string, fields: EventFields = {}) => enqueue(checkEvent(type, fields), fields).catch(report);
  const unload = () => on() && delivery.unload();
  const listeners: [EventTarget, string, () => unknown][] = [
    [window, "pagehide", unload],
    [document, "visibilitychange", () => document.hidden && unload()],
    [window, "online", flush],
    // Also when the page comes back from the back/forward cache, where its commands do not run again.
    [window, "pageshow", flush],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  // A page load is activity: it keeps the session alive, or starts one with the landing page's
  // campaign and referrer, even on a page that sends no event. Then what a page that went too
  // soon left in the journal goes into the outbox, and what is due is sent.
  if (on()) touchVisit(), Promise.all(journal().map(([entry, order]) => add(entry, order))).then(flush, report);

  return {
    track,
    purchase: (fields) => track("purchase", fields),
    refund: (fields) => track("refund", fields),
    trackConversion: (conversion) => track("purchase", conversionFields(checkConversion(conversion))),
    async identify(userId) {
      if (!on()) return;
      const v = touchVisit();
      v.u = userId == null ? undefined : "" + userId;
      saveVisit(v);
    },
    async page() {
      if (on()) touchVisit();
    },
    async consent(choice) {
      storedConsent((granted = choice));
      if (choice) return void flush();
      delivery.pending.clear();
      note();
      saveVisit((visit = undefined));
      await outbox.clear().catch(report);
    },
    flush,
    async config(change) {
      Object.assign(options, change);
    },
    // The script tag's tracker lives as long as its page: it has no destroy.
    ...((__NPM__ && {
      destroy() {
        for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
        delivery.stop();
      },
    }) as Pick<Tracker, "destroy">),
  };
}
