import { IDBFactory } from "fake-indexeddb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startCollector, type HttpCollector } from "../test/http-collector.js";
import { derivedId } from "./ids.js";
import { createOutbox } from "./outbox.js";
import { idbStore } from "./store.js";
import { createTracker, type Tracker, type TrackerOptions } from "./tracker.js";

let collector: HttpCollector;
const trackers: Tracker[] = [];

beforeAll(async () => void (collector = await startCollector()));
afterAll(() => collector.close());
beforeEach(() => {
  // A fresh browser profile for each test: IndexedDB, localStorage, the cookie.
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
  document.cookie = "_tally=;max-age=-1;path=/";
  collector.received.length = 0;
});
afterEach(async () => {
  // Nothing of this test may still be on its way when the next one starts.
  collector.release();
  await Promise.all(trackers.map((t) => t.flush()));
  for (const t of trackers.splice(0)) t.destroy();
  vi.unstubAllGlobals();
});

/** A tracker on this page, sending to the local collector. */
function tracker(options: Partial<TrackerOptions> = {}) {
  const t = createTracker({ key: "pk_test", endpoint: collector.origin + "/", ...options });
  trackers.push(t);
  return t;
}

const purchase = {
  transaction_id: "o-1",
  revenue: 49.99,
  currency: "USD",
  items: [{ item_id: "sku_1", item_name: "Tee", price: 24.99, quantity: 2 }],
};

describe("createTracker", () => {
  it("sends an event with its ids, time, session and page context, as text/plain with the key in the URL", async () => {
    const t = tracker();
    await t.track("add_to_cart", { cart_id: "c1", items: [{ item_id: "sku_1", price: 24.99 }] });
    await t.flush();
    const [request] = collector.received;
    expect(request).toMatchObject({
      method: "POST",
      url: "/v1/api/analytics/ecommerce/batch?key=pk_test",
      contentType: "text/plain;charset=UTF-8",
    });
    const [event] = collector.events();
    expect(event).toEqual({
      event_type: "add_to_cart",
      event_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      anonymous_id: expect.any(String),
      session_id: expect.any(String),
      cart_id: "c1",
      items: [{ item_id: "sku_1", price: 24.99 }],
      context: {
        page_url: location.href,
        page_path: location.pathname,
        device_type: "desktop",
        platform: "web",
        locale: navigator.language,
      },
    });
    expect(document.cookie).toContain(`_tally=${encodeURIComponent(`${event!.anonymous_id}.${event!.session_id}`)}`);
  });

  it("sends a purchase with all its line items as one event, with an event id derived from the key and the order", async () => {
    const t = tracker();
    await t.purchase(purchase);
    await t.flush();
    expect(collector.events()).toEqual([
      expect.objectContaining({ event_type: "purchase", ...purchase, event_id: derivedId("pk_test:purchase:o-1") }),
    ]);
  });

  it("tracks each order once: the same purchase twice, and after a reload", async () => {
    const t = tracker();
    await t.purchase(purchase);
    await t.purchase(purchase);
    await t.track("Order Completed", purchase);
    t.destroy();
    await tracker().trackConversion({ total: 49.99, orderNumber: "o-1", productNumbers: ["sku_1"] }); // the page reloaded
    await tracker().refund({ transaction_id: "o-1", revenue: 49.99 }); // a refund is another event
    await tracker().refund({ transaction_id: "o-1", revenue: 49.99 });
    await tracker().flush();
    expect(
      collector
        .events()
        .map((e) => e.event_type)
        .sort(),
    ).toEqual(["purchase", "refund"]);
  });

  it("tracks an order once when two tabs race on it", async () => {
    const [a, b] = [tracker(), tracker()];
    await Promise.all([
      a.purchase(purchase),
      b.purchase(purchase),
      a.trackConversion({ total: 1, orderNumber: "o-1", productNumbers: ["sku_1"] }),
      b.purchase(purchase),
    ]);
    await Promise.all([a.flush(), b.flush()]);
    expect(collector.events().filter((e) => e.event_type === "purchase")).toHaveLength(1);
  });

  it("maps Hello Retail's conversion to a purchase with line items and the customer as user", async () => {
    const t = tracker();
    await t.trackConversion({
      total: 499.32,
      orderNumber: "110-2347",
      email: "customer@example.com",
      customerId: "53967",
      productNumbers: ["p-1234", "p-4567"],
    });
    await t.flush();
    expect(collector.events()[0]).toMatchObject({
      event_type: "purchase",
      transaction_id: "110-2347",
      revenue: 499.32,
      email: "customer@example.com",
      user_id: "53967",
      items: [{ item_id: "p-1234" }, { item_id: "p-4567" }],
    });
  });

  it("sends Segment names as the type they stand for", async () => {
    const t = tracker();
    await t.track("Product Added", { items: [{ item_id: "sku_1" }] });
    await t.track("Checkout Started");
    await t.flush();
    expect(collector.events().map((e) => e.event_type)).toEqual(["add_to_cart", "begin_checkout"]);
  });

  it("fails at once on misuse (npm build), and throws nothing after that", async () => {
    const t = tracker();
    expect(() => t.track("page_view")).toThrow(/unknown event type/);
    expect(() => t.purchase({ revenue: 10 })).toThrow(/purchase needs transaction_id/);
    expect(() => createTracker({ key: "", endpoint: "x" })).toThrow(/key/);
    // A secret key in a page is refused before anything could send it.
    expect(() => createTracker({ key: "sk_live_1", endpoint: collector.url })).toThrow(
      "needs a pk_ key and an endpoint",
    );
    await expect(t.track("view_cart", { properties: { circular: undefined as never } })).resolves.toBeUndefined();
  });

  it("puts the user id on every later event after identify, and forgets it with null", async () => {
    const t = tracker();
    await t.track("view_cart");
    await t.identify("user-9");
    await t.track("view_cart");
    await tracker().track("view_cart"); // the next page
    await t.identify(null);
    await t.track("view_cart");
    await t.flush();
    const events = collector.events();
    expect(events.map((e) => e.user_id)).toEqual([undefined, "user-9", "user-9", undefined]);
    expect(new Set(events.map((e) => e.anonymous_id)).size).toBe(1);
  });

  it("attaches the landing page's campaign and referrer to the session's events, and a new campaign starts a new session", async () => {
    Object.defineProperty(document, "referrer", { configurable: true, value: "https://mail.example/" });
    history.replaceState(null, "", "/landing?utm_source=newsletter&utm_campaign=spring");
    try {
      const t = tracker();
      await t.track("view_cart");
      history.replaceState(null, "", "/cart");
      await t.page();
      await t.track("view_cart");
      history.replaceState(null, "", "/?utm_source=google&utm_medium=cpc");
      await t.page();
      await t.track("view_cart");
      await t.flush();
    } finally {
      history.replaceState(null, "", "/");
      delete (document as { referrer?: string }).referrer;
    }
    const [first, second, third] = collector.events();
    expect(first!.context).toMatchObject({
      utm_source: "newsletter",
      utm_campaign: "spring",
      referrer: "https://mail.example/",
    });
    expect(second!.context).toMatchObject({ utm_source: "newsletter", page_path: "/cart" });
    expect(second!.session_id).toBe(first!.session_id);
    expect(third!.context).toMatchObject({ utm_source: "google", utm_medium: "cpc" });
    expect(third!.context).not.toHaveProperty("utm_campaign");
    expect(third!.session_id).not.toBe(first!.session_id);
    expect(third!.anonymous_id).toBe(first!.anonymous_id);
  });

  it("journals each event until IndexedDB has it, so a page that goes at once loses nothing", async () => {
    const t = tracker();
    const pushed = t.purchase(purchase);
    // In the task of the call: in the journal (localStorage), whatever becomes of the page.
    expect(JSON.parse(localStorage.getItem("_tally_q")!)).toEqual([
      [expect.objectContaining({ id: derivedId("pk_test:purchase:o-1") }), "pk_test:purchase:o-1"],
    ]);
    await pushed;
    expect(JSON.parse(localStorage.getItem("_tally_q")!)).toEqual([]);
  });

  it("puts what a page that went too soon left in the journal into the outbox, once per order", async () => {
    collector.hold();
    const t = tracker();
    await t.purchase(purchase); // claimed and queued, but the page went before the journal was cleared
    const left = {
      id: "left-1",
      at: Date.now(),
      event: {
        event_type: "view_cart",
        event_id: "left-1",
        timestamp: new Date().toISOString(),
        anonymous_id: "a",
        session_id: "s",
      },
    };
    const purchaseEntry = {
      id: derivedId("pk_test:purchase:o-1"),
      at: Date.now(),
      event: { ...purchase, event_type: "purchase", event_id: derivedId("pk_test:purchase:o-1") },
    };
    localStorage.setItem("_tally_q", JSON.stringify([[purchaseEntry, "pk_test:purchase:o-1"], [left]]));
    t.destroy();
    collector.release();
    const next = tracker(); // the next page
    await vi.waitFor(() => expect(localStorage.getItem("_tally_q")).toBe("[]"));
    await next.flush();
    await vi.waitFor(() =>
      expect(
        collector
          .events()
          .map((e) => e.event_id)
          .sort(),
      ).toEqual([derivedId("pk_test:purchase:o-1"), "left-1"].sort()),
    );
  });

  it("keeps events while the collector is down and delivers them from the next page", async () => {
    const down = await startCollector();
    await down.close();
    const errors: unknown[] = [];
    const t = tracker({ endpoint: down.origin, onError: (e) => errors.push(e) });
    await t.purchase(purchase);
    await t.track("view_cart");
    await t.flush();
    expect(errors.length).toBeGreaterThan(0);
    t.destroy();
    // The next page, a while later (past the backoff), with the collector back.
    const later = Date.now() + 60_000;
    const next = tracker({ clock: () => later });
    await next.flush();
    expect(collector.events().map((e) => e.event_type)).toEqual(["purchase", "view_cart"]);
  });

  it("beacons what is left when the page is hidden or goes, purchases first, and sends it again from the next page", async () => {
    const beacons: { url: string; types: string[] }[] = [];
    navigator.sendBeacon = (url, body) => (
      beacons.push({
        url: String(url),
        types: JSON.parse(String(body)).events.map((e: { event_type: string }) => e.event_type),
      }),
      true
    );
    collector.hold(); // the collector does not answer before the page goes
    const t = tracker();
    await t.track("view_cart");
    await t.purchase(purchase);
    Object.defineProperty(document, "visibilityState", { configurable: true, value: "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
    dispatchEvent(new Event("pagehide"));
    delete (document as { visibilityState?: string }).visibilityState;
    expect(beacons).toEqual([{ url: collector.url, types: ["purchase", "view_cart"] }]);
    t.destroy();
    collector.release();
    await vi.waitFor(() => expect(collector.received.length).toBeGreaterThan(0));
    const sent = collector.events().length;
    // The next page: what the beacon carried is still in the outbox (a beacon has no answer).
    const next = tracker({ clock: () => Date.now() + 60_000 });
    await next.flush();
    expect(collector.events().length).toBeGreaterThanOrEqual(sent);
    expect(new Set(collector.events().map((e) => e.event_id)).size).toBe(2);
  });

  it("works without IndexedDB (private mode): delivers, and still tracks an order once on the page", async () => {
    const errors: unknown[] = [];
    vi.stubGlobal("indexedDB", undefined);
    const t = tracker({ onError: (e) => errors.push(e) });
    await t.purchase(purchase);
    await t.purchase(purchase);
    await t.flush();
    expect(collector.events().map((e) => e.transaction_id)).toEqual(["o-1"]);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("stops tracking, clears the outbox and forgets the ids without consent; tracks again with it", async () => {
    const outbox = createOutbox(idbStore("consent-test"));
    const t = tracker({ outbox });
    collector.hold();
    await t.track("view_cart"); // queued, not delivered yet
    localStorage.setItem(
      "_tally_q",
      JSON.stringify([[{ id: "j", at: Date.now(), event: { event_type: "view_cart", event_id: "j" } }]]),
    );
    await t.consent(false);
    expect(localStorage.getItem("_tally_q")).toBeNull();
    expect((await outbox.take(9)).entries).toEqual([]);
    expect(document.cookie).not.toMatch(/_tally=[^;]/);
    expect(localStorage.getItem("_tally")).toBeNull();
    await t.track("view_cart");
    await tracker({ outbox }).track("view_cart"); // another tab, or the next page
    expect((await outbox.take(9)).entries).toEqual([]);
    await t.consent(true);
    await t.track("view_cart");
    expect((await outbox.take(9)).entries).toHaveLength(1);
  });

  it("honours Do Not Track when asked to", async () => {
    Object.defineProperty(navigator, "doNotTrack", { configurable: true, value: "1" });
    const outbox = createOutbox(idbStore("dnt-test"));
    try {
      await tracker({ outbox, respectDnt: true }).track("view_cart");
      expect((await outbox.take(9)).entries).toEqual([]);
    } finally {
      delete (navigator as { doNotTrack?: string }).doNotTrack;
    }
    Object.defineProperty(navigator, "doNotTrack", { configurable: true, value: "1" });
    try {
      const t = tracker({ outbox }); // not asked to
      await t.track("view_cart");
      await t.flush();
      expect(collector.events()).toHaveLength(1);
    } finally {
      delete (navigator as { doNotTrack?: string }).doNotTrack;
    }
  });

  it("reports problems to onError and logs them with debug, and config changes both", async () => {
    collector.answer({
      status: 400,
      body: { error: "events array is required and must not be empty", code: "ingest.events_required" },
    });
    const errors: unknown[] = [];
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const t = tracker();
    await t.config({ onError: (e) => errors.push(e), debug: true });
    await t.track("view_cart");
    await t.flush();
    expect(errors[0]).toMatchObject({
      name: "TallyError",
      code: "sdk.refused",
      message: expect.stringMatching(/400, 1 events/),
    });
    expect(log).toHaveBeenCalledWith("[tally]", "queued", expect.objectContaining({ event_type: "view_cart" }));
    expect(log).toHaveBeenCalledWith("[tally]", "sent", 1, 400);
    expect(log).toHaveBeenCalledWith("[tally]", errors[0]);
    await t.purchase(purchase);
    await t.purchase(purchase);
    expect(log).toHaveBeenCalledWith("[tally]", "repeat order", "pk_test:purchase:o-1");
    log.mockRestore();
  });

  it("sends what is due when the browser is back online, and when the page comes back from the bfcache", async () => {
    const outbox = createOutbox(idbStore("wake-test"));
    tracker({ outbox });
    for (const [target, type] of [
      [window, "online"],
      [window, "pageshow"],
    ] as const) {
      await vi.waitFor(async () => expect((await outbox.take(9)).entries).toEqual([])); // settled after start
      const id = crypto.randomUUID();
      await outbox.add({
        id,
        at: Date.now(),
        event: {
          event_type: "view_cart",
          event_id: id,
          timestamp: new Date().toISOString(),
          anonymous_id: "a",
          session_id: "s",
        },
      });
      target.dispatchEvent(new Event(type));
      await vi.waitFor(() => expect(collector.events().map((e) => e.event_id)).toContain(id));
    }
  });

  it("survives an onError that throws", async () => {
    collector.answer({ status: 500 }, { status: 500 });
    const t = tracker({
      onError: () => {
        throw new Error("the shop's own bug");
      },
    });
    await expect(t.track("view_cart")).resolves.toBeUndefined();
    await expect(t.flush()).resolves.toBeUndefined();
  });
});
