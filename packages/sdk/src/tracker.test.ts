import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "./commands.js";
import { derivedId } from "./hash.js";
import type { Box } from "./outbox.js";
import { memoryCell, type Cell } from "./store.js";
import { createTracker, type TrackerOptions } from "./tracker.js";

type Sent = { url: string; body: { events: Record<string, any>[]; sdk?: { dropped: number; expired: number } }; keepalive?: boolean };

/** A scripted collector: answers each request with the next status (200 when the script runs out). */
function collector(statuses: number[] = [], headers: Record<string, string> = {}) {
  const sent: Sent[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init!.body));
    sent.push({ url: String(url), body, keepalive: init!.keepalive });
    const status = statuses.shift() ?? 200;
    const answer = status === 200 ? { ok: true, accepted: body.events.length } : { error: "no", code: "x.y" };
    return new Response(JSON.stringify(answer), { status, headers: status === 429 ? headers : {} });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch, events: () => sent.flatMap((s) => s.body.events) };
}

/** Storage shared by the trackers of one test, as IndexedDB is shared by a browser's tabs. */
function sharedMemory() {
  const cells = new Map<string, Cell<unknown>>();
  return <T>(name: string) => (cells.get(name) ?? cells.set(name, memoryCell()).get(name)!) as Cell<T>;
}

const trackers: ReturnType<typeof createTracker>[] = [];
function tracker(options: Partial<TrackerOptions> = {}) {
  const t = createTracker({ key: "pk_test", endpoint: "https://collector.test", fetch: collector().fetch, beacon: () => true, ...options });
  trackers.push(t);
  return t;
}
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  localStorage.clear();
  document.cookie = "_tally=; max-age=0; path=/";
});
afterEach(() => {
  for (const t of trackers.splice(0)) t.destroy();
  vi.useRealTimers();
});

describe("createTracker", () => {
  it("sends an event with ids, time, session and page context as text/plain with the key in the URL", async () => {
    const c = collector();
    const t = tracker({ fetch: c.fetch, storage: sharedMemory() });
    await t.track("add_to_cart", { items: [{ item_id: "sku_1", price: 3 }], cart_id: "c1" });
    await t.flush();
    expect(c.sent[0]!.url).toBe("https://collector.test/v1/api/analytics/ecommerce/batch?key=pk_test");
    expect(c.sent[0]!.keepalive).toBe(true);
    const [event] = c.events();
    expect(event).toMatchObject({
      event_type: "add_to_cart",
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: expect.stringMatching(/Z$/),
      anonymous_id: expect.any(String),
      session_id: expect.any(String),
      cart_id: "c1",
      context: { page_url: location.href, device_type: expect.any(String), platform: "web" },
    });
    expect(document.cookie).toContain(`_tally=${encodeURIComponent(`${event!.anonymous_id}.${event!.session_id}`)}`);
  });

  it("fails at once on misuse in npm mode", () => {
    const t = tracker();
    expect(() => t.track("page_view")).toThrow(/Unknown event type/);
    expect(() => t.purchase({ revenue: 10 })).toThrow(/transaction_id/);
    expect(() => t.track("view_item", { items: [] })).toThrow(/items is required/);
    expect(() => t.track("view_cart", { colour: "red" })).toThrow(/Unknown field "colour"/);
    expect(() => createTracker({ key: "", endpoint: "x" })).toThrow(/key, endpoint/);
  });

  it("derives a purchase's event id from the key and the order id", async () => {
    const c = collector();
    const t = tracker({ fetch: c.fetch, storage: sharedMemory() });
    await t.purchase({ transaction_id: "o-1", revenue: 10 });
    await t.flush();
    expect(c.events()[0]!.event_id).toBe(derivedId("pk_test:purchase:o-1"));
    expect(derivedId("pk_test:purchase:o-1")).not.toBe(derivedId("pk_other:purchase:o-1"));
  });

  it("enqueues a purchase once per order: a reload, a second tab or two trackers racing", async () => {
    const storage = sharedMemory();
    const c = collector();
    const a = tracker({ fetch: c.fetch, storage });
    const b = tracker({ fetch: c.fetch, storage });
    await Promise.all([a.purchase({ transaction_id: "o-2", revenue: 5 }), b.purchase({ transaction_id: "o-2", revenue: 5 })]);
    await tracker({ fetch: c.fetch, storage }).trackConversion({ total: 5, orderNumber: "o-2", productNumbers: ["p"] });
    await Promise.all([a.flush(), b.flush()]);
    expect(c.events().filter((e) => e.event_type === "purchase")).toHaveLength(1);
  });

  it("maps a Hello Retail conversion to a purchase with line items", async () => {
    const c = collector();
    const t = tracker({ fetch: c.fetch, storage: sharedMemory() });
    await t.trackConversion({ total: 499.32, orderNumber: "110-2347", email: "customer@example.com", customerId: "53967", productNumbers: ["p-1234", "p-4567"] });
    await t.flush();
    expect(c.events()[0]).toMatchObject({
      event_type: "purchase", transaction_id: "110-2347", revenue: 499.32, email: "customer@example.com", user_id: "53967",
      items: [{ item_id: "p-1234", quantity: 1 }, { item_id: "p-4567", quantity: 1 }],
    });
  });

  it("keeps events on 5xx and network errors and retries with backoff; honours Retry-After", async () => {
    vi.useFakeTimers();
    const c = collector([500, 429, 200], { "retry-after": "3" });
    const t = tracker({ fetch: c.fetch, storage: sharedMemory() });
    await t.track("view_cart");
    await t.flush();
    expect(c.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1100); // first backoff: 0.5–1 s
    expect(c.sent).toHaveLength(2); // the 429, with Retry-After: 3
    await vi.advanceTimersByTimeAsync(2000);
    expect(c.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1100);
    expect(c.sent).toHaveLength(3);
    expect(new Set(c.sent.map((s) => s.body.events[0]!.event_id)).size).toBe(1);
  });

  it("drops a batch the collector refuses with a 4xx, and reports the count with the next batch", async () => {
    const c = collector([400]);
    const errors: unknown[] = [];
    const t = tracker({ fetch: c.fetch, storage: sharedMemory(), onError: (e) => errors.push(e) });
    await t.track("view_cart");
    await t.flush();
    await t.track("view_cart");
    await t.flush();
    expect(c.sent[1]!.body.sdk).toEqual({ dropped: 1, expired: 0 });
    expect(errors).toHaveLength(1);
    await t.track("view_cart");
    await t.flush();
    expect(c.sent[2]!.body.sdk).toBeUndefined();
  });

  it("beacons what is left when the page is hidden, purchases first, and keeps it for the next load", async () => {
    const beacons: string[][] = [];
    const storage = sharedMemory();
    const t = tracker({ fetch: () => new Promise(() => {}), storage, beacon: (_u, body) => (beacons.push(JSON.parse(body).events.map((e: any) => e.event_type)), true) });
    await t.track("view_cart");
    void t.purchase({ transaction_id: "o-3", revenue: 1 }); // not even awaited: the page is leaving
    dispatchEvent(new Event("pagehide"));
    expect(beacons).toEqual([["purchase", "view_cart"]]);
    await settle();
    const box = await storage<Box>("outbox").update((b) => b!);
    expect(box.entries.map((e) => e.event.event_type).sort()).toEqual(["purchase", "view_cart"]);
  });

  it("falls back to memory when storage throws, and still delivers", async () => {
    const c = collector();
    const errors: unknown[] = [];
    const broken = Object.getOwnPropertyDescriptor(globalThis, "indexedDB");
    Object.defineProperty(globalThis, "indexedDB", { configurable: true, get: () => { throw new Error("blocked"); } });
    try {
      const t = tracker({ fetch: c.fetch, storage: undefined, onError: (e) => errors.push(e) });
      await t.purchase({ transaction_id: "o-4", revenue: 2 });
      await t.purchase({ transaction_id: "o-4", revenue: 2 });
      await t.flush();
    } finally {
      Object.defineProperty(globalThis, "indexedDB", broken!);
    }
    expect(c.events().map((e) => e.transaction_id)).toEqual(["o-4"]);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("stops sending and clears the outbox without consent", async () => {
    const c = collector();
    const storage = sharedMemory();
    const t = tracker({ fetch: c.fetch, storage });
    await t.consent(false);
    await t.track("view_cart");
    await t.flush();
    expect(c.sent).toEqual([]);
    expect(localStorage.getItem("tally_consent")).toBe("0");
    await t.consent(true);
    await t.track("view_cart");
    await t.flush();
    expect(c.events()).toHaveLength(1);
  });

  it("honours Do Not Track when asked to", async () => {
    const c = collector();
    Object.defineProperty(navigator, "doNotTrack", { configurable: true, value: "1" });
    try {
      const t = tracker({ fetch: c.fetch, storage: sharedMemory(), respectDnt: true });
      await t.track("view_cart");
      await t.flush();
    } finally {
      Object.defineProperty(navigator, "doNotTrack", { configurable: true, value: null });
    }
    expect(c.sent).toEqual([]);
  });

  it("attaches the user id after identify, and the campaign of the landing URL", async () => {
    history.replaceState(null, "", "/landing?utm_source=newsletter&utm_campaign=spring");
    const c = collector();
    const t = tracker({ fetch: c.fetch, storage: sharedMemory() });
    await t.identify("user-9");
    await t.track("view_cart");
    await t.flush();
    expect(c.events()[0]).toMatchObject({ user_id: "user-9", context: { utm_source: "newsletter", utm_campaign: "spring" } });
    history.replaceState(null, "", "/");
  });
});

describe("runCommand", () => {
  it("runs each callback exactly once, also for a repeat and for a bad command", async () => {
    const t = tracker({ storage: sharedMemory() });
    const calls: string[] = [];
    const errors: unknown[] = [];
    runCommand(t, ["trackConversion", { total: 1, orderNumber: "x", productNumbers: ["p"] }, () => calls.push("first")], (e) => errors.push(e));
    runCommand(t, ["trackConversion", { total: 1, orderNumber: "x", productNumbers: ["p"] }, () => calls.push("repeat")], (e) => errors.push(e));
    runCommand(t, ["nope", () => calls.push("bad")], (e) => errors.push(e));
    runCommand(t, ["track", "view_cart", {}, () => calls.push("track")], (e) => errors.push(e));
    await settle();
    expect(calls.sort()).toEqual(["bad", "first", "repeat", "track"]);
    expect(errors).toHaveLength(1);
  });
});
