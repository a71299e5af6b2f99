import { backoff } from "./backoff.js";
import { pageContext } from "./context.js";
import { checkEvent, conversionFields, orderType, type Conversion } from "./events.js";
import { derivedId, newId } from "./hash.js";
import { byPriority, createOutbox, type Box, type Entry } from "./outbox.js";
import { save, visit, type Visit } from "./session.js";
import { durableCell, type Cell } from "./store.js";
import { BEACON_BYTES, batchBody, beaconAll, pack, type Beacon } from "./transport.js";

export interface TrackerOptions {
  /** The appspace's publishable key (`pk_…`). */
  key: string;
  /** The collector's origin, e.g. `https://tally.example.com`. */
  endpoint: string;
  /** Called with every problem the SDK swallowed to keep the page working. */
  onError?: (error: unknown) => void;
  /** Logs what the SDK does to the console. */
  debug?: boolean;
  /** Send nothing when the browser says Do Not Track. */
  respectDnt?: boolean;
  /** Where the outbox and the order guard live; defaults to IndexedDB with a memory fallback. */
  storage?: <T>(name: string) => Cell<T>;
  fetch?: typeof fetch;
  beacon?: Beacon;
  clock?: () => number;
}

export type Fields = Record<string, unknown>;

/**
 * A tracker: events go to a durable outbox first, then to the collector; purchases once per order.
 *
 * @example
 * const tally = createTracker({ key: "pk_…", endpoint: "https://tally.example.com" });
 * await tally.purchase({ transaction_id: "order_456", revenue: 49.99, currency: "USD", items: [{ item_id: "sku_1", price: 24.99, quantity: 2 }] });
 */
export function createTracker(options: TrackerOptions) {
  if (!options?.key || !options.endpoint) throw new Error("createTracker needs { key, endpoint }");
  const clock = options.clock ?? Date.now;
  const report = (error: unknown) => {
    if (options.debug) console.warn("[tally]", error);
    try {
      options.onError?.(error);
    } catch {}
  };
  const storage = options.storage ?? (<T>(name: string) => durableCell<T>(name, report));
  const outbox = createOutbox(storage<Box>("outbox"), clock);
  const guard = storage<Record<string, number>>("orders");
  const url = `${options.endpoint.replace(/\/$/, "")}/v1/api/analytics/ecommerce/batch?key=${encodeURIComponent(options.key)}`;
  const send = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  // A string body goes as text/plain;charset=UTF-8: a simple request, no CORS preflight.
  const beacon = options.beacon ?? ((u: string, body: string) => navigator.sendBeacon?.(u, body) ?? false);
  const dnt = options.respectDnt && (navigator as { doNotTrack?: string }).doNotTrack === "1";
  let granted = readConsent() && !dnt;
  let current: Visit = visit(location.href, document.referrer, clock());
  /** What this page knows it has to deliver, readable without waiting: the unload beacon's source. */
  const pending = new Map<string, Entry>();
  let flushing: Promise<void> | undefined;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const log = (...a: unknown[]) => options.debug && console.debug("[tally]", ...a);

  function build(type: string, fields: Fields, id: string): Entry {
    const { context, timestamp, ...rest } = fields;
    current = visit(location.href, document.referrer, clock());
    const event = {
      event_type: type,
      event_id: id,
      timestamp: new Date((timestamp as string | undefined) ?? clock()).toISOString(),
      anonymous_id: current.a,
      session_id: current.s,
      ...(current.u && { user_id: current.u }),
      ...rest,
      context: { ...pageContext(current.c, current.r), ...(context as Fields) },
    };
    return { id, at: clock(), event };
  }

  async function enqueue(entry: Entry, orderKey?: string) {
    if (!granted) return;
    // In the map at once: a page left during the awaits below still beacons it. A repeat
    // caught by the guard may go out this way too; the collector drops it by its event id.
    pending.set(entry.id, entry);
    if (orderKey) {
      let first = false;
      await guard.update((orders = {}) => {
        first = !orders[orderKey];
        if (first) orders[orderKey] = clock();
        return orders;
      });
      if (!first) return void pending.delete(entry.id);
    }
    await outbox.add(entry);
    log("queued", entry.event);
    queueMicrotask(() => void flush());
  }

  async function flushOnce(): Promise<boolean> {
    const { entries, dropped, expired, next } = await outbox.take(100);
    for (const e of entries) pending.set(e.id, e);
    // Entries waiting (backoff, or another tab's lease): look again when the first is due.
    if (next) later(next - clock() + 50);
    if (!entries.length) return false;
    let losses = { dropped, expired };
    for (const batch of pack(entries, 512 * 1024)) {
      const ids = batch.map((e) => e.id);
      const body = batchBody(batch, losses);
      let res: Response;
      try {
        res = await send(url, { method: "POST", body, keepalive: body.length < BEACON_BYTES });
      } catch (error) {
        report(error);
        await fail(ids, backoff(batch[0]!.tries ?? 0));
        return false;
      }
      if (res.ok) {
        const answer = await res.json().catch(() => ({}));
        await outbox.done(ids, losses, answer.errors?.length ?? 0);
        for (const id of ids) pending.delete(id);
        if (answer.errors) report(answer.errors);
        losses = { dropped: 0, expired: 0 };
        continue;
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        report(new Error(`${res.status} ${await res.text().catch(() => "")}`));
        await outbox.failed(ids, 0, true);
        for (const id of ids) pending.delete(id);
        continue;
      }
      await fail(ids, backoff(batch[0]!.tries ?? 0, res.headers.get("retry-after")));
      return false;
    }
    return true;
  }

  async function fail(ids: string[], delay: number) {
    await outbox.failed(ids, delay);
    later(delay + 50);
  }

  function later(delay: number) {
    clearTimeout(retry);
    retry = setTimeout(() => void flush(), delay);
  }

  /**
   * Sends what is due now; resolves when this round is over (delivered or scheduled again).
   * A call during a round makes the round look once more, so nothing added meanwhile waits.
   */
  function flush(): Promise<void> {
    if (!granted) return Promise.resolve();
    again = true;
    return (flushing ??= (async () => {
      try {
        while (again) {
          again = false;
          while (await flushOnce());
        }
      } catch (error) {
        report(error);
      } finally {
        flushing = undefined;
      }
    })());
  }

  function unload() {
    if (!granted || !pending.size) return;
    log("beacon left", beaconAll(url, [...pending.values()].sort(byPriority), beacon));
  }

  const onHide = () => document.visibilityState === "hidden" && unload();
  addEventListener("pagehide", unload);
  document.addEventListener("visibilitychange", onHide);
  addEventListener("online", () => void flush());
  // A page restored from the back/forward cache lives again: deliver what is due.
  addEventListener("pageshow", (e) => (e as PageTransitionEvent).persisted && void flush());
  void flush();

  const track = (type: string, fields: Fields = {}) => {
    checkEvent(type, fields);
    const order = orderType(type);
    if (order) {
      const key = `${order}:${fields.transaction_id}`;
      return enqueue(build(order, fields, derivedId(`${options.key}:${key}`)), key);
    }
    return enqueue(build(type, fields, newId(clock())));
  };

  return {
    /** Records one of the 13 ecommerce events (or a Segment name such as "Product Added"). */
    track,
    /** Records a purchase, once per `transaction_id` whatever happens to the page. */
    purchase: (fields: Fields) => track("purchase", fields),
    /** Records a refund, once per `transaction_id`. */
    refund: (fields: Fields) => track("refund", fields),
    /** Hello Retail's `trackConversion`: a purchase from `{ total, orderNumber, … }`. */
    trackConversion: (c: Conversion) => track("purchase", conversionFields(c)),
    /** Links this browser's anonymous id to a user id on every later event. */
    identify(userId: string | number) {
      current.u = String(userId);
      save(current);
      return Promise.resolve();
    },
    /** Notes a page view in a single-page app: keeps the session alive and picks up a new campaign. */
    page() {
      current = visit(location.href, document.referrer, clock());
      return Promise.resolve();
    },
    /** `false` stops sending and clears the outbox; `true` allows tracking again. */
    async consent(allow = true) {
      granted = allow && !dnt;
      try {
        localStorage.setItem("tally_consent", allow ? "1" : "0");
      } catch {}
      if (!allow) {
        pending.clear();
        await outbox.clear();
      } else void flush();
    },
    flush,
    /** Changes `debug` or `onError` on a running tracker. */
    config(change: Pick<TrackerOptions, "debug" | "onError">) {
      if ("debug" in change) options.debug = change.debug;
      if ("onError" in change) options.onError = change.onError;
      return Promise.resolve();
    },
    /** Stops listening to the page (tests, or a tracker replaced by another). */
    destroy() {
      removeEventListener("pagehide", unload);
      document.removeEventListener("visibilitychange", onHide);
      clearTimeout(retry);
    },
  };
}

export type Tracker = ReturnType<typeof createTracker>;

function readConsent(): boolean {
  try {
    return localStorage.getItem("tally_consent") !== "0";
  } catch {
    return true;
  }
}
