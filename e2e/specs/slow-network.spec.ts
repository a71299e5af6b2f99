// A collector that answers slower than the SDK waits, and a network so slow that only the unload
// beacon gets out: each order still counts exactly once.
import { test, tracked, expect } from "../support/fixtures.js";
import { startPages } from "../support/pages.js";
import { startProxy } from "../support/proxy.js";
import { expectExactly } from "../support/queries.js";

const ORDER = { orders: 1, revenue: 49.99, items: { "p-1234": 1, "p-4567": 1 } };
const isBatch = (method?: string, url?: string) => method === "POST" && !!url?.includes("/ecommerce/batch");

test("a collector that answers after the fetch timeout, then in time: the retry is no duplicate", async ({
  page,
  collector,
  mode,
}) => {
  test.setTimeout(90_000);
  let held = 0;
  // The first batch reaches the collector at once (it stores the order), but its answer comes
  // 12 s later, past the SDK's 8 s fetch timeout; later answers come at once.
  const proxy = await startProxy({
    route: () => collector.url,
    hold: (req) => (isBatch(req.method, req.url) && held++ === 0 ? 12_000 : 0),
  });
  const pages = await startPages({ mode, key: collector.keys.publishable_key, endpoint: proxy.url });
  try {
    await page.goto(`${pages.url}/thanks?order=slow-1&total=49.99&products=p-1234,p-4567`);
    await tracked(page);
    await expect.poll(() => held, { timeout: 30_000 }).toBeGreaterThanOrEqual(2); // timed out, sent again
    await expectExactly(collector, ORDER);
  } finally {
    await pages.close();
    await proxy.close();
  }
});

test("a network so slow that only the unload beacon gets out", async ({ page, pages, collector }) => {
  test.setTimeout(120_000);
  await page.goto(`${pages.url}/visit`);
  await page.waitForFunction(() => (window as any).tally);
  // Chromium's own throttling: 40 s before any answer, a trickle of bandwidth. (It holds back the
  // page's own fetch, which a bulk order of ~30 KB makes a plain one: a keepalive fetch, like
  // the beacon, is sent by the browser past the page's throttle.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 40_000,
    downloadThroughput: 2_000,
    uploadThroughput: 2_000,
  });
  const products = Array.from({ length: 250 }, (_, i) => `p-${String(i).padStart(3, "0")}-${"x".repeat(100)}`);
  await page.evaluate((productNumbers) => {
    const c = { total: 999, orderNumber: "slow-net-1", email: "customer@example.com", productNumbers };
    (window as any).hrq.push(["trackConversion", c, () => (window as any).tracked.push("purchase")]);
  }, products);
  await tracked(page);
  // The page's own fetch is stuck in the throttle: nothing has arrived while the page lives.
  await page.waitForTimeout(3_000);
  expect((await collector.query("overview")).total_orders).toBe(0);
  const started = Date.now();
  await page.close({ runBeforeUnload: true });
  // Well before the throttled fetch could have had an answer: what arrived went by the beacon.
  await expect.poll(async () => (await collector.query("overview")).total_orders, { timeout: 30_000 }).toBe(1);
  expect(Date.now() - started).toBeLessThan(40_000);
  await expectExactly(collector, { orders: 1, revenue: 999 });
  expect((await collector.query("overview")).total_items_sold).toBe(250);
});
