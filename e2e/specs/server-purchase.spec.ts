// examples/server-purchase in Chromium: the SDK's _tally cookie reaches the shop's backend,
// which sends the confirmed order with @tally/node; the thank-you page sends the browser's.
// @ts-expect-error the example server is plain JavaScript
import { startShop } from "@tally/example-server-purchase/server.mjs";
import { expect, expectOrders, test, tracked } from "../support/fixtures.js";

const landing = "/?utm_source=newsletter&utm_campaign=spring";

test("the server's purchase and the browser's are one order, with the browser's campaign and device", async ({
  page,
  collector,
  mode,
}) => {
  const { publishable_key: key, secret_key: secret } = collector.keys;
  const shop = await startShop({ collector: collector.url, key, secret, mode });
  try {
    await page.goto(shop.url + landing);
    await expect
      .poll(async () => (await page.context().cookies()).find((c) => c.name === "_tally")?.value)
      .toBeTruthy();
    await page.click("#pay");
    await page.waitForURL(/\/thanks\?order=ORD-1001/);
    await tracked(page);
    await expectOrders(collector, 1, 49.98);
    expect((await collector.query("revenue-by-channel")).channels).toEqual([
      expect.objectContaining({ source: "newsletter", campaign: "spring", orders: 1, revenue: 49.98 }),
    ]);
    // The device comes from the browser's copy: the server's has none of its own.
    expect((await collector.query("revenue-by-device")).devices).toEqual([
      expect.objectContaining({ device_type: "desktop", orders: 1 }),
    ]);
  } finally {
    await shop.close();
  }
});

test("a thank-you page that never loads: the server's order is there, credited to the campaign", async ({
  page,
  collector,
  mode,
}) => {
  const { publishable_key: key, secret_key: secret } = collector.keys;
  const shop = await startShop({ collector: collector.url, key, secret, mode });
  try {
    await page.goto(shop.url + landing);
    await expect
      .poll(async () => (await page.context().cookies()).find((c) => c.name === "_tally")?.value)
      .toBeTruthy();
    // The order is confirmed, but the redirect to the thank-you page goes nowhere. (A route on
    // /thanks itself would not be called: Playwright does not route the target of a redirect.)
    await page.route(
      (url) => url.pathname === "/checkout",
      async (route) => {
        const confirmed = await route.fetch({ maxRedirects: 0 });
        expect(confirmed.status()).toBe(303);
        await route.fulfill({ status: 200, contentType: "text/html", body: "<p>Gateway timeout</p>" });
      },
    );
    await page.click("#pay");
    await expect(page.getByText("Gateway timeout")).toBeVisible();
    expect(shop.orders).toHaveLength(1);
    await expectOrders(collector, 1, 49.98);
    expect((await collector.query("revenue-by-channel")).channels).toEqual([
      expect.objectContaining({ source: "newsletter", campaign: "spring", orders: 1, revenue: 49.98 }),
    ]);
    // Only the server saw it: no browser device.
    expect((await collector.query("revenue-by-device")).devices).toEqual([
      expect.objectContaining({ device_type: null, orders: 1 }),
    ]);
  } finally {
    await shop.close();
  }
});
