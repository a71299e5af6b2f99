import { expect, expectOrders, test, tracked } from "../support/fixtures.js";

test("funnel steps across pages and the landing page's campaign show in the query endpoints", async ({
  page,
  shop,
  collector,
}) => {
  await page.goto(`${shop.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring`);
  await page.click("text=T-Shirt");
  await tracked(page, "view_item");
  await page.click("#add");
  await page.waitForURL("**/cart");
  await tracked(page, "view_cart");
  await page.click("#checkout");
  await tracked(page, "begin_checkout");
  await page.click("#pay");
  await page.waitForURL("**/thanks**");
  await tracked(page);
  await expectOrders(collector, 1, 24.99);
  await expect
    .poll(async () => (await collector.query("funnel")).steps.map((s: { count: number }) => s.count), {
      timeout: 15_000,
    })
    .toEqual([1, 1, 1, 1, 1, 1]);
  const { channels } = await collector.query("revenue-by-channel");
  expect(channels).toEqual([
    { campaign: "spring", source: "newsletter", medium: "email", revenue: 24.99, orders: 1, conversion_rate: 100 },
  ]);
});
