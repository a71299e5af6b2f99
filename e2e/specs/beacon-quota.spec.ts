// The browser's keepalive quota (64 KiB, shared by the whole page) spent by other requests: the
// SDK's unload beacons are refused, split in halves down to ~16 KiB, and what is still refused
// goes by a plain fetch. Every order arrives, and the SDK never has more than 9 keepalive
// requests in flight.
import { test, tracked, expect } from "../support/fixtures.js";
import { startPages } from "../support/pages.js";
import { startProxy } from "../support/proxy.js";
import { expectExactly } from "../support/queries.js";

const ORDERS = 24;

test("a refused unload beacon is split, then sent by plain fetch: every order arrives", async ({
  page,
  collector,
  mode,
}) => {
  test.setTimeout(90_000);
  let hidden = false;
  // Requests to /hold are answered 30 s late, so they keep the page's keepalive quota; so are the
  // page's batches until it is hidden, so its orders are still the page's own then.
  const proxy = await startProxy({
    route: () => collector.url,
    hold: (req) => (req.url?.startsWith("/hold") || (!hidden && req.url?.includes("/ecommerce/batch")) ? 30_000 : 0),
  });
  const pages = await startPages({ mode, key: collector.keys.publishable_key, endpoint: proxy.url });
  await page.addInitScript(() => {
    const w = window as any;
    w.beacons = [];
    w.fetches = [];
    w.keepaliveInFlight = 0;
    w.keepaliveMax = 0;
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url: string | URL, body?: BodyInit | null) => {
      const taken = beacon(url, body);
      w.beacons.push([String(body ?? "").length, taken]);
      return taken;
    };
    const fetch = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const keepalive = !!init?.keepalive;
      if (String(input).includes("/ecommerce/batch"))
        w.fetches.push([String(init?.body ?? "").length, keepalive, !!w.unloading]);
      if (keepalive) w.keepaliveMax = Math.max(w.keepaliveMax, ++w.keepaliveInFlight);
      return fetch(input, init).finally(() => keepalive && w.keepaliveInFlight--);
    };
  });
  try {
    await page.goto(`${pages.url}/visit`);
    await page.waitForFunction(() => (window as any).tally);
    // Spend most of the quota: three keepalive requests of ~20 KB, held by the proxy.
    await page.evaluate((url) => {
      for (let i = 0; i < 3; i++)
        void fetch(`${url}/hold/${i}`, { method: "POST", body: "x".repeat(20_000), keepalive: true }).catch(() => {});
    }, proxy.url);
    await page.evaluate((n) => {
      const products = (o: number) =>
        Array.from({ length: 12 }, (_, i) => `order-${o}-product-${i}-${"x".repeat(120)}`);
      for (let o = 0; o < n; o++) {
        (window as any).hrq.push([
          "trackConversion",
          { total: 10, orderNumber: `quota-${o}`, productNumbers: products(o) },
          () => (window as any).tracked.push("purchase"),
        ]);
      }
    }, ORDERS);
    await tracked(page, "purchase", ORDERS);
    // The page is hidden (a tab switch): what it holds goes by beacon, or by plain fetch when refused.
    hidden = true;
    await page.evaluate(() => {
      const w = window as any;
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      w.unloading = true;
      document.dispatchEvent(new Event("visibilitychange"));
      w.unloading = false;
    });
    await expectExactly(collector, { orders: ORDERS, revenue: ORDERS * 10 }, { timeout: 40_000 });
    const { beacons, fetches, keepaliveMax } = await page.evaluate(() => {
      const w = window as any;
      return {
        beacons: w.beacons as [number, boolean][],
        fetches: w.fetches as [number, boolean, boolean][],
        keepaliveMax: w.keepaliveMax as number,
      };
    });
    // Refused beacons were halved: a refused one above 16 KiB is followed by smaller tries.
    const refused = beacons.filter(([, taken]) => !taken);
    expect(refused.some(([size]) => size > 16 * 1024)).toBe(true);
    expect(Math.min(...beacons.map(([size]) => size))).toBeLessThanOrEqual(16 * 1024);
    // What no beacon took on hiding went by plain fetch (no keepalive), in parts of at most ~16 KiB.
    const plain = fetches.filter(([, keepalive, unloading]) => unloading && !keepalive);
    expect(plain.length).toBeGreaterThan(0);
    for (const [size] of plain) expect(size).toBeLessThanOrEqual(16 * 1024);
    expect(keepaliveMax).toBeLessThanOrEqual(9);
  } finally {
    await pages.close();
    await proxy.close();
  }
});
