import { IDBFactory } from "fake-indexeddb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startCollector, type HttpCollector } from "../test/http-collector.js";
import type { Tracker } from "./tracker.js";

type Page = { hrq?: unknown; tally?: Tracker };
const page = window as unknown as Page;
let collector: HttpCollector;

beforeAll(async () => void (collector = await startCollector()));
afterAll(() => collector.close());
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
  collector.received.length = 0;
  vi.resetModules();
});
afterEach(async () => {
  await page.tally?.flush();
  page.tally?.destroy();
  delete page.tally;
  delete page.hrq;
  Object.defineProperty(document, "currentScript", { configurable: true, get: () => null });
});

/** Runs the script entry as `<script src="{src}" data-…>` would: with document.currentScript set. */
async function load(src: string, data: Record<string, string> = {}) {
  const script = document.createElement("script");
  Object.defineProperty(script, "src", { value: src });
  Object.assign(script.dataset, data);
  Object.defineProperty(document, "currentScript", { configurable: true, get: () => script });
  await import("./entry-script.js");
}

const conversion = {
  total: 499.32,
  orderNumber: "110-2347",
  email: "customer@example.com",
  customerId: "53967",
  productNumbers: ["p-1234", "p-4567"],
};

describe("the script tag", () => {
  it("sends to its own origin with its data-key, running the Hello Retail snippet pushed before it loaded", async () => {
    const done: string[] = [];
    const w = window as unknown as { hrq?: unknown[] };
    w.hrq = w.hrq || [];
    w.hrq.push(["trackConversion", conversion, () => done.push("tracked")]);
    await load(`${collector.origin}/tally.js`, { key: "pk_test" });
    await vi.waitFor(() => expect(done).toEqual(["tracked"]));
    await page.tally!.flush();
    expect(collector.received[0]!.url).toBe("/v1/api/analytics/ecommerce/batch?key=pk_test");
    expect(collector.events()).toEqual([
      expect.objectContaining({
        event_type: "purchase",
        transaction_id: "110-2347",
        revenue: 499.32,
        user_id: "53967",
      }),
    ]);
  });

  it("runs commands pushed after it loaded, each callback once, after the event is in the outbox", async () => {
    await load("https://cdn.example/tally.js", { key: "pk_test", endpoint: collector.origin });
    const done: string[] = [];
    const hrq = (window as unknown as { hrq: { push(...c: unknown[]): void } }).hrq;
    hrq.push(["trackConversion", conversion, () => done.push("first")]);
    hrq.push(["trackConversion", conversion, () => done.push("repeat")]); // a reload, in effect: a no-op
    hrq.push(["track", "Product Added", { items: [{ item_id: "p-1" }] }, () => done.push("track")]);
    await vi.waitFor(() => expect(done.sort()).toEqual(["first", "repeat", "track"]));
    await page.tally!.flush();
    expect(
      collector
        .events()
        .map((e) => e.event_type)
        .sort(),
    ).toEqual(["add_to_cart", "purchase"]);
  });

  it("reads data-debug and data-respect-dnt", async () => {
    Object.defineProperty(navigator, "doNotTrack", { configurable: true, value: "1" });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await load(`${collector.origin}/tally.js`, { key: "pk_test", debug: "", respectDnt: "" });
      await page.tally!.track("view_cart");
      await page.tally!.flush();
      expect(collector.events()).toEqual([]);
    } finally {
      delete (navigator as { doNotTrack?: string }).doNotTrack;
      log.mockRestore();
    }
  });

  it("says why it did not start, without throwing into the page", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(load(`${collector.origin}/tally.js`)).resolves.toBeUndefined();
    expect(page.tally).toBeUndefined();
    expect(String(error.mock.calls[0]?.[1])).toMatch(/key/);
    error.mockRestore();
  });

  it("refuses a secret key with a console error, and sends nothing", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const received = collector.received.length;
    await expect(load(`${collector.origin}/tally.js`, { key: "sk_live_secret" })).resolves.toBeUndefined();
    expect(page.tally).toBeUndefined();
    expect(String(error.mock.calls[0]?.[1])).toMatch(/pk_ key/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(collector.received.slice(received).filter((r) => r.url.includes("sk_live_secret"))).toEqual([]);
    error.mockRestore();
  });

  it("does not start twice when the page includes it twice", async () => {
    await load(`${collector.origin}/tally.js`, { key: "pk_test" });
    const first = page.tally;
    vi.resetModules();
    await load(`${collector.origin}/tally.js`, { key: "pk_other" });
    expect(page.tally).toBe(first);
  });

  it("serves the queue data-queue names instead of hrq", async () => {
    const w = window as unknown as Record<string, unknown>;
    const done: string[] = [];
    w.shopq = [["trackConversion", conversion, () => done.push("tracked")]];
    try {
      await load(`${collector.origin}/tally.js`, { key: "pk_test", queue: "shopq" });
      await vi.waitFor(() => expect(done).toEqual(["tracked"]));
      expect(Array.isArray(w.shopq)).toBe(false);
      expect(w.hrq).toBeUndefined();
    } finally {
      delete w.shopq;
    }
  });

  it("with data-observe, leaves hrq and its callbacks to the page's own Hello Retail SDK", async () => {
    const w = window as unknown as { hrq?: unknown[] };
    const done: string[] = [];
    w.hrq = [["trackConversion", conversion, () => done.push("vendor's to call")]];
    await load(`${collector.origin}/tally.js`, { key: "pk_test", observe: "" });
    expect(Array.isArray(w.hrq)).toBe(true);
    expect(w.hrq).toHaveLength(1); // nothing taken out: the vendor drains it
    await page.tally!.flush();
    await vi.waitFor(() =>
      expect(collector.events()).toEqual([
        expect.objectContaining({ event_type: "purchase", transaction_id: "110-2347" }),
      ]),
    );
    expect(done).toEqual([]);
    delete (window as { hrq?: unknown }).hrq;
  });
});
