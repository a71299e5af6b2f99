// `data-observe` beside Hello Retail's own SDK (a stand-in that consumes `hrq` as the vendor
// documents it, fixtures/vendor.js): the vendor still drains the queue and calls every callback
// once, and Tally records each conversion it could see once, in both load orders.
import type { Page } from "@playwright/test";
import type { Collector } from "../support/collector.js";
import { expect, test, type Mode } from "../support/fixtures.js";
import { expectExactly } from "../support/queries.js";

/** The page's snippet, as Hello Retail documents it, with a callback that counts its calls. */
async function push(page: Page, order: string) {
  await page.evaluate((orderNumber) => {
    const w = window as any;
    w.callbacks = w.callbacks || {};
    w.hrq = w.hrq || [];
    w.hrq.push([
      "trackConversion",
      { total: 10, orderNumber, productNumbers: [`p-${orderNumber}`] },
      () => (w.callbacks[orderNumber] = (w.callbacks[orderNumber] || 0) + 1),
    ]);
  }, order);
}

async function loadTally(page: Page, mode: Mode, collector: Collector) {
  const key = collector.keys.publishable_key;
  if (mode === "npm") {
    await page.evaluate(
      ([key, endpoint]) => ((window as any).TALLY = { key, endpoint, observe: true }),
      [key, collector.url],
    );
    await page.addScriptTag({ url: "/npm.js", type: "module" });
  } else {
    await page.evaluate(
      ([src, key]) =>
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          Object.assign(script, { src, onload: resolve, onerror: reject });
          script.dataset.key = key!;
          script.dataset.observe = "";
          document.body.append(script);
        }),
      [`${collector.url}/tally.js`, key],
    );
  }
  await page.waitForFunction(() => (window as any).tally);
}

async function loadVendor(page: Page) {
  await page.addScriptTag({ url: "/vendor.js" });
  await page.waitForFunction(() => (window as any).vendorLoaded);
}

/** Every callback ran exactly once (and keeps at once), and the vendor tracked every conversion, in order. */
async function expectVendorRanAll(page: Page, orders: string[]) {
  const once = Object.fromEntries(orders.map((o) => [o, 1]));
  await expect.poll(() => page.evaluate(() => (window as any).callbacks)).toEqual(once);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).callbacks)).toEqual(once);
  expect(await page.evaluate(() => (window as any).vendorConversions)).toEqual(orders);
}

test("Tally first, then the vendor replaces hrq with its own object: every push is the vendor's and counted once by Tally", async ({
  page,
  pages,
  collector,
  mode,
}) => {
  await page.goto(`${pages.url}/empty`);
  await push(page, "before");
  await loadTally(page, mode, collector);
  await push(page, "between");
  await loadVendor(page);
  expect(await page.evaluate(() => Array.isArray((window as any).hrq))).toBe(false); // the vendor's object now
  await push(page, "after");
  await expectVendorRanAll(page, ["before", "between", "after"]);
  await expectExactly(collector, { orders: 3, revenue: 30, items: { "p-before": 1, "p-between": 1, "p-after": 1 } });
});

// What the vendor drained before Tally loaded left no trace for any script to see: Tally counts the
// pushes from its own load on (the SDK README says to load tally.js first, without async, for all).
test("the vendor first: the vendor keeps every push, Tally counts once each push made after it loaded", async ({
  page,
  pages,
  collector,
  mode,
}) => {
  await page.goto(`${pages.url}/empty`);
  await push(page, "before");
  await loadVendor(page);
  await push(page, "between");
  await loadTally(page, mode, collector);
  await push(page, "after");
  await expectVendorRanAll(page, ["before", "between", "after"]);
  await expectExactly(collector, { orders: 1, revenue: 10, items: { "p-after": 1 } });
});
