import { cacheScript, expect, expectOrders, test, thanks, tracked } from "../support/fixtures.js";

const BATCH = "**/v1/api/analytics/ecommerce/batch**";

test("offline for the whole visit: a later visit to any page delivers the order", async ({
  context,
  shop,
  collector,
}) => {
  await cacheScript(context, shop.url);
  // No way to the collector from here on: every send fails, the unload beacon too.
  // (Chromium's offline emulation and page.route do not stop keepalive requests to loopback.)
  await collector.stop();
  const page = await context.newPage();
  await page.goto(shop.url + thanks("offline-1"));
  await tracked(page);
  await page.goto(`${shop.url}/about`);
  await page.close({ runBeforeUnload: true });
  await collector.start();
  await new Promise((r) => setTimeout(r, 1000));
  expect((await collector.query("overview")).total_orders).toBe(0); // nothing arrived by itself
  const later = await context.newPage();
  await later.goto(`${shop.url}/about`);
  await expectOrders(collector, 1, 49.99);
});

test("collector down (connection refused), then up: the order arrives once", async ({ context, shop, collector }) => {
  await cacheScript(context, shop.url);
  await collector.stop();
  const page = await context.newPage();
  await page.goto(shop.url + thanks("down-1"));
  await tracked(page);
  await page.waitForTimeout(1500);
  await collector.start();
  await expectOrders(collector, 1, 49.99);
});

test("collector answering 500 for a while, then 200: the order arrives once", async ({ page, shop, collector }) => {
  let failures = 0;
  await page.route(BATCH, async (route) => {
    if (failures++ < 3) return route.fulfill({ status: 500, body: '{"error":"boom","code":"internal.error"}' });
    return route.continue();
  });
  await page.goto(shop.url + thanks("500-1"));
  await tracked(page);
  await expectOrders(collector, 1, 49.99);
  expect(failures).toBeGreaterThan(3);
});

test("429 with Retry-After: the SDK waits as asked, then delivers once", async ({ page, shop, collector }) => {
  const attempts: number[] = [];
  await page.route(BATCH, async (route) => {
    attempts.push(Date.now());
    // As the collector answers it: CORS lets the page read Retry-After.
    const headers = {
      "retry-after": "2",
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "Retry-After",
    };
    if (attempts.length === 1)
      return route.fulfill({
        status: 429,
        headers,
        body: '{"error":"Ecommerce event quota exceeded","code":"ingest.quota"}',
      });
    return route.continue();
  });
  await page.goto(shop.url + thanks("429-1"));
  await tracked(page);
  await expectOrders(collector, 1, 49.99);
  expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1900);
});

test("IndexedDB unavailable (private mode): the order arrives once, and a reload does not count it twice", async ({
  page,
  shop,
  collector,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", {
      configurable: true,
      get: () => {
        throw new DOMException("blocked", "SecurityError");
      },
    });
  });
  await page.goto(shop.url + thanks("private-1"));
  await tracked(page);
  await expectOrders(collector, 1, 49.99);
  await page.reload();
  await tracked(page);
  await expectOrders(collector, 1, 49.99);
});
