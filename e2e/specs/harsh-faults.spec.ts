// Faults harsher than a lost connection, each in both delivery modes: every order counts
// exactly once, with its line items, as the query endpoints show.
import type { Page } from "@playwright/test";
import { expect, test, tracked } from "../support/fixtures.js";
import { expectExactly, sdkLosses } from "../support/queries.js";

const ORDER = { orders: 1, revenue: 49.99, items: { "p-1234": 1, "p-4567": 1 } };
const thanks = (order: string, extra = "") => `/thanks?order=${order}&total=49.99&products=p-1234,p-4567${extra}`;

/** The TallyErrors the page saw: onError (npm) or the debug log (script tag, `&debug`). */
async function errorCodes(page: Page, logged: string[]): Promise<string[]> {
  const fromHook: { code: string }[] = await page.evaluate(() => (window as any).tallyErrors ?? []);
  return [...fromHook.map((e) => e.code), ...logged.flatMap((line) => line.match(/sdk\.\w+/g) ?? [])];
}

test("the order pushed inside a pagehide handler, the latest moment a page can act", async ({
  page,
  pages,
  collector,
}) => {
  await page.goto(pages.url + thanks("pagehide-1", "&at=pagehide"));
  await page.waitForFunction(() => (window as any).tally); // the SDK is there before the page goes
  await page.click("#leave");
  await page.waitForURL("**/bare");
  await expectExactly(collector, ORDER);
});

test("three tabs opened on the same thank-you page at once count one order", async ({ context, pages, collector }) => {
  const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
  await Promise.all(tabs.map((tab) => tab.goto(pages.url + thanks("tabs-3"))));
  await Promise.all(tabs.map((tab) => tracked(tab)));
  await expectExactly(collector, ORDER);
});

for (const [name, days] of [
  ["two days ahead", 2],
  ["two days behind", -2],
] as const) {
  test(`the device clock ${name}: one order, with its items`, async ({ page, pages, collector }) => {
    await page.addInitScript((shift) => {
      const RealDate = Date;
      class ShiftedDate extends RealDate {
        constructor(...args: unknown[]) {
          super(...((args.length ? args : [RealDate.now() + shift]) as []));
        }
        static now() {
          return RealDate.now() + shift;
        }
      }
      (window as any).Date = ShiftedDate;
    }, days * 864e5);
    await page.goto(pages.url + thanks(`clock${days}`));
    await tracked(page);
    await page.goto(`${pages.url}/visit`); // and a later page on the same skewed clock
    await expectExactly(collector, ORDER);
  });
}

test("IndexedDB, localStorage and cookies all blocked: one order, also after a reload", async ({
  page,
  pages,
  collector,
}) => {
  await page.addInitScript(() => {
    const denied = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    Object.defineProperty(window, "indexedDB", { configurable: true, get: denied });
    Object.defineProperty(window, "localStorage", { configurable: true, get: denied });
    Object.defineProperty(Document.prototype, "cookie", { configurable: true, get: denied, set: denied });
  });
  let purchasesSent = 0;
  page.on(
    "request",
    (r) => r.url().includes("/ecommerce/batch") && r.postData()?.includes('"event_type":"purchase"') && purchasesSent++,
  );
  await page.goto(pages.url + thanks("blocked-1"));
  await tracked(page);
  await expectExactly(collector, ORDER);
  await page.reload(); // nothing in the browser remembers the order: it goes again, and the collector knows it
  await tracked(page);
  await expect.poll(() => purchasesSent).toBeGreaterThanOrEqual(2);
  await expectExactly(collector, ORDER);
});

test("IndexedDB put failing with QuotaExceededError: memory fallback, sdk.storage reported, the order arrives and no loss is counted", async ({
  page,
  pages,
  collector,
}) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const logged: string[] = [];
  page.on("console", (m) => m.text().includes("[tally]") && logged.push(m.text()));
  await page.goto(pages.url + thanks("quota-1", "&debug"));
  await tracked(page);
  await expectExactly(collector, ORDER);
  expect(await errorCodes(page, logged)).toContain("sdk.storage");
  // Nothing had to be given up: the order went from memory, and no loss is reported.
  expect(sdkLosses(collector)).toEqual({ dropped: 0, expired: 0 });
});
