// @vitest-environment node
// The build itself, as shops and bundlers get it: package exports, the script's size, and the
// script tag on a thank-you page (a happy-dom window running real <script> tags) against a real
// collector in this process.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { IDBFactory } from "fake-indexeddb";
import { Window } from "happy-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BUNDLE = join(ROOT, "dist/tally.js");
const COLLECTOR = join(ROOT, "../collector");

describe("the package", () => {
  it("exports files that exist", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const targets = [pkg.main, pkg.types, pkg.exports["."].import, pkg.exports["."].types, pkg.exports["./tally.js"]];
    for (const target of targets) expect(existsSync(join(ROOT, target)), target).toBe(true);
  });

  it("gives npm an ESM build with its types, the event model left to the @tally/schema dependency", () => {
    const code = readFileSync(join(ROOT, "dist/index.js"), "utf8");
    expect(code).toMatch(/from "@tally\/schema\/model"/);
    expect(code).not.toMatch(/zod/);
    expect(code).toMatch(/export \{[^}]*createTracker/);
    expect(readFileSync(join(ROOT, "dist/index.d.ts"), "utf8")).toMatch(/createTracker/);
  });
});

describe("dist/tally.js", () => {
  it("stays under the build's gzip ceiling, with neither ky nor zod inside", () => {
    const code = readFileSync(BUNDLE);
    const gzip = gzipSync(code, { level: 9 }).length;
    const ceiling = Number(readFileSync(join(ROOT, "build.mjs"), "utf8").match(/const CEILING = (\d+);/)![1]);
    console.log(`dist/tally.js: ${code.length} bytes, ${gzip} bytes gzip (budget 3,000, ceiling ${ceiling})`);
    expect(gzip).toBeLessThanOrEqual(ceiling);
    expect(code.toString()).not.toMatch(/ZodError|HTTPError|ky\//);
  });
});

// A real collector and real script loads: slow on a loaded machine.
describe("the script tag on a thank-you page, against a real collector", { timeout: 30_000 }, () => {
  let origin: string;
  let keys: { publishable_key: string; secret_key: string };
  let stop: () => void;
  /** The browser's IndexedDB: it outlives the pages of the origin, as in a browser. */
  const indexedDB = new IDBFactory();

  beforeAll(async () => {
    const entry = join(COLLECTOR, "dist/index.js");
    if (!existsSync(entry)) throw new Error("Build the collector first: pnpm --filter @tally/collector build");
    const { startCollector, createSqliteStore, createAppspace, watchRatesFile } = await import(
      pathToFileURL(entry).href
    );
    // @hono/node-server is the collector's own dependency: resolved from there.
    const { serve } = await import(
      pathToFileURL(createRequire(join(COLLECTOR, "package.json")).resolve("@hono/node-server")).href
    );
    const store = createSqliteStore({ file: ":memory:" });
    keys = await createAppspace(store, { name: "Shop", currency: "USD" });
    const collector = startCollector({ store, rates: watchRatesFile(), log: () => {} });
    const { app } = collector;
    const server = await new Promise<{ address(): AddressInfo; close(): void }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    origin = `http://127.0.0.1:${server.address().port}`;
    stop = () => {
      server.close();
      void collector.stop();
    };
  }, 30_000);
  afterAll(() => stop?.());

  const query = async (path: string) =>
    (
      await fetch(`${origin}/v1/api/analytics/ecommerce/${path}`, {
        headers: { authorization: `Bearer ${keys.secret_key}` },
      })
    ).json();

  /** Opens a page of the shop (the same origin as the collector here) with `html` in its body. */
  async function open(html: string) {
    const window = new Window({
      url: `${origin}/checkout/thanks`,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    Object.assign(window, { indexedDB });
    window.document.write(`<!doctype html><html><head><title>Thank you</title></head><body>${html}</body></html>`);
    await window.happyDOM.waitUntilComplete();
    return window as unknown as Window & { done: string[]; tally: { flush(): Promise<void> }; hrq: unknown };
  }

  const script = () => `<script async src="${origin}/tally.js" data-key="${keys.publishable_key}"></script>`;

  it("is served by the collector, cacheable", async () => {
    const res = await fetch(`${origin}/tally.js`);
    expect(res.headers.get("cache-control")).toMatch(/max-age=3600/);
    expect(await res.text()).toBe(readFileSync(BUNDLE, "utf8"));
  });

  it("delivers what the npm build left in the outbox: both builds store the same way", async () => {
    const npm = await import(pathToFileURL(join(ROOT, "dist/index.js")).href);
    Object.assign(globalThis, { indexedDB });
    try {
      const event = {
        event_type: "add_to_cart",
        event_id: crypto.randomUUID(),
        timestamp: new Date().toISOString(),
        user_id: "npm-user",
        items: [{ item_id: "p-1" }],
      };
      await npm.createOutbox(npm.idbStore()).add({ id: event.event_id, at: Date.now(), event });
    } finally {
      delete (globalThis as { indexedDB?: unknown }).indexedDB;
    }
    const page = await open(script());
    await page.tally.flush();
    const journey = await query("user-journey?user_id=npm-user");
    expect(journey.events).toEqual([
      expect.objectContaining({ event_type: "add_to_cart", items: [expect.objectContaining({ item_id: "p-1" })] }),
    ]);
    await page.happyDOM.close();
  });

  it("runs Hello Retail's snippet pushed before it loads, and delivers the order with its line items", async () => {
    const page = await open(`
      <script>window.done = [];</script>
      <script>
        hrq = window.hrq || [];
        hrq.push([
            "trackConversion",
            {
                total: 499.32,
                orderNumber: '110-2347',
                email: 'customer@example.com',
                customerId: '53967',
                productNumbers: [
                    'p-1234',
                    'p-4567'
                ]
            },
            function() {
                window.done.push('Conversion has been tracked');
            }
        ]);
      </script>
      ${script()}`);
    await expect.poll(() => page.done, { timeout: 5000 }).toEqual(["Conversion has been tracked"]);
    await page.tally.flush();
    await expect.poll(async () => (await query("overview")).total_orders, { timeout: 5000 }).toBe(1);
    expect(await query("overview")).toMatchObject({ total_orders: 1, total_revenue: 499.32, total_items_sold: 2 });
    const journey = await query("user-journey?user_id=53967");
    expect(journey.events).toEqual([
      expect.objectContaining({ event_type: "purchase", transaction_id: "110-2347", revenue: 499.32 }),
    ]);
    await page.happyDOM.close();
  });

  it("runs the snippet pushed after it loads; a reloaded thank-you page does not count the order again", async () => {
    const page = await open(`<script>window.done = [];</script>${script()}`);
    const hrq = () => (page.hrq = (page.hrq as unknown[]) || []) as unknown as { push(c: unknown): void };
    hrq().push([
      "trackConversion",
      { total: 10, orderNumber: "110-2348", urls: ["http://example.com/shop/product-1234"] },
      () => page.done.push("new order"),
    ]);
    hrq().push([
      "trackConversion",
      { total: 499.32, orderNumber: "110-2347", productNumbers: ["p-1234", "p-4567"] },
      () => page.done.push("reloaded"),
    ]);
    await expect.poll(() => [...page.done].sort(), { timeout: 5000 }).toEqual(["new order", "reloaded"]);
    await page.tally.flush();
    await expect.poll(async () => (await query("overview")).total_orders, { timeout: 5000 }).toBe(2);
    expect(await query("overview")).toMatchObject({ total_orders: 2, total_revenue: 509.32, total_items_sold: 3 });
    const { products } = await query("top-products");
    expect(products.map((p: { item_id: string }) => p.item_id).sort()).toEqual([
      "http://example.com/shop/product-1234",
      "p-1234",
      "p-4567",
    ]);
    await page.happyDOM.close();
  });

  it("leaves event checks to the collector, and goes on after a refused event", async () => {
    const page = await open(`<script>window.done = [];</script>${script()}`);
    const warnings: unknown[][] = [];
    (page as unknown as { console: { error(...a: unknown[]): void } }).console.error = (...args) =>
      void warnings.push(args);
    const hrq = page.hrq as { push(c: unknown): void };
    hrq.push(["track", "view_item", { items: [] }, () => page.done.push("refused by the collector")]);
    hrq.push(["trackConversion", { total: 5, productNumbers: ["p-1"] }, () => page.done.push("refused at the call")]);
    hrq.push(["track", "Product Viewed", { items: [{ item_id: "p-1234", price: 5 }] }, () => page.done.push("viewed")]);
    await expect.poll(() => page.done.length, { timeout: 5000 }).toBe(3);
    await page.tally.flush();
    expect(String(warnings[0]?.[1])).toMatch(/transaction_id/);
    await expect.poll(async () => (await query("top-products")).products.length).toBe(3); // unchanged: view_item is no sale
    await page.happyDOM.close();
  });

  it("classifies every event name as the npm build does: an order needs its order id in both", async () => {
    const { EVENT_TYPES, EVENT_ALIASES } = await import("@tally/schema");
    const npm = await import(pathToFileURL(join(ROOT, "dist/index.js")).href);
    const names: string[] = [
      ...new Set(
        [...EVENT_TYPES, ...EVENT_ALIASES].flatMap((n: string) => [n, n.toUpperCase(), n.replace(/[ _]/g, "-")]),
      ),
    ];
    const page = await open(`<script>window.done = [];</script>${script()}`);
    const warnings: string[] = [];
    (page as unknown as { console: { error(...a: unknown[]): void } }).console.error = (...args) =>
      void warnings.push(String(args[1]));
    // No order id: the guard refuses an order at the call, in either build; anything else is queued.
    const scriptOrders: string[] = [];
    for (const name of names) {
      const before = warnings.length;
      (page.hrq as { push(c: unknown): void }).push(["track", name, { revenue: 1 }, () => page.done.push(name)]);
      await expect.poll(() => page.done.includes(name), { timeout: 5000 }).toBe(true);
      if (warnings.length > before) scriptOrders.push(name);
    }
    expect(warnings.every((w) => /sdk\.invalid_event.*transaction_id/.test(w))).toBe(true);
    const npmOrders = names.filter((name) => {
      try {
        npm.checkEvent(name, { revenue: 1 });
        return false;
      } catch (error) {
        return /transaction_id/.test(String(error));
      }
    });
    expect(scriptOrders).toEqual(npmOrders);
    expect(npmOrders.sort()).toEqual([
      "Order Completed",
      "Order Refunded",
      "order_completed",
      "order_refunded",
      "purchase",
      "refund",
    ]);
    await page.tally.flush();
    await page.happyDOM.close();
  });
});
