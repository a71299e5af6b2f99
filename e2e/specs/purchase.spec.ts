import { expect, expectOrders, quantities, test, thanks, tracked } from "../support/fixtures.js";

test("a normal purchase arrives once, with its line items", async ({ page, shop, collector }) => {
  await page.goto(shop.url + thanks("normal-1"));
  await tracked(page);
  await expectOrders(collector, 1, 49.99);
  expect(await quantities(collector)).toEqual({ "p-1234": 1, "p-4567": 1 });
});

test("navigating away right after the push still delivers the order once", async ({ page, shop, collector }) => {
  await page.goto(shop.url + thanks("leave-1"));
  await tracked(page);
  await page.goto(`${shop.url}/about`);
  await expectOrders(collector, 1, 49.99);
});

test("closing the tab right after the push still delivers the order once", async ({ context, shop, collector }) => {
  const page = await context.newPage();
  await page.goto(shop.url + thanks("close-1"));
  await tracked(page);
  await page.close({ runBeforeUnload: true });
  await expectOrders(collector, 1, 49.99);
});

test("reloading the thank-you page five times counts one order", async ({ page, shop, collector }) => {
  await page.goto(shop.url + thanks("reload-1"));
  await tracked(page);
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await tracked(page);
  }
  await expectOrders(collector, 1, 49.99);
  expect(await quantities(collector)).toEqual({ "p-1234": 1, "p-4567": 1 });
});

test("leaving and coming back with back/forward counts one order", async ({ page, shop, collector }) => {
  await page.goto(shop.url + thanks("bfcache-1"));
  await tracked(page);
  await page.evaluate(() => addEventListener("pageshow", (e) => ((window as any).restored = e.persisted)));
  await page.goto(`${shop.url}/about`);
  // A page restored from the back/forward cache fires no "load", so wait on the document itself.
  // Chromium keeps a page in that cache only when it can: when it could not, the page loads anew,
  // which the guard must also survive. Which of the two happened is recorded on the test.
  // While a page goes into or out of that cache Chromium can briefly have no active page to ask
  // for its history ("Not attached to an active page"): each move waits until the document it
  // lands on is complete, and asks again if it was refused that way.
  const settled = (path: string) =>
    page.waitForFunction((p) => location.pathname === p && document.readyState === "complete", path);
  const move = async (go: () => Promise<unknown>, path: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await go();
        break;
      } catch (error) {
        if (attempt === 3 || !String(error).includes("Not attached to an active page")) throw error;
        await page.waitForTimeout(200);
      }
    }
    await settled(path);
  };
  const back = async () => {
    await move(() => page.goBack({ waitUntil: "commit" }), "/thanks");
    await page.waitForFunction(() => (window as any).tracked !== undefined);
    return page.evaluate(() => (window as any).restored === true);
  };
  await settled("/about");
  const restored = [await back()];
  await move(() => page.goForward({ waitUntil: "commit" }), "/about");
  restored.push(await back());
  test
    .info()
    .annotations.push({ type: "bfcache", description: `restored from the back/forward cache: ${restored.join(", ")}` });
  await expectOrders(collector, 1, 49.99);
});

test("the same thank-you page open in two tabs counts one order", async ({ context, shop, collector }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto(shop.url + thanks("tabs-1")), b.goto(shop.url + thanks("tabs-1"))]);
  await Promise.all([tracked(a), tracked(b)]);
  await expectOrders(collector, 1, 49.99);
});

test("an order too big for one beacon (over 64 KiB) arrives whole, once", async ({ page, shop, collector }) => {
  await page.goto(`${shop.url}/thanks?order=big-1&total=999&bulk=700`);
  await tracked(page);
  await page.goto(`${shop.url}/about`); // the unload path has to split it, or leave it for later
  await expectOrders(collector, 1, 999);
  const items = await quantities(collector);
  expect(Object.keys(items)).toHaveLength(100); // top-products lists at most 100
  const overview = await collector.query("overview");
  expect(overview.total_items_sold).toBe(700);
});

test("a push followed by navigation in the same task still delivers the order once", async ({
  page,
  shop,
  collector,
}) => {
  await page.goto(`${shop.url}/about`);
  await page.waitForFunction(() => !Array.isArray((window as any).hrq)); // Tally has loaded
  await page.evaluate(() => {
    const conversion = { total: 49.99, orderNumber: "same-task-1", productNumbers: ["p-1234", "p-4567"] };
    (window as any).hrq.push(["trackConversion", conversion]);
    location.href = "/";
  });
  await page.waitForURL(/\/$/);
  await expectOrders(collector, 1, 49.99);
});
