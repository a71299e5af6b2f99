import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectOrders, test, tracked } from "../support/fixtures.js";

/** Product page → quantity → Add to cart, as a visitor does it. */
async function addToCart(page: Page, shop: string, name: string, quantity: number) {
  await page.goto(`${shop}/`);
  await page.click(`text=${name}`);
  await tracked(page, "view_item");
  await page.fill("#quantity", String(quantity));
  await page.click("#add");
  await page.waitForURL("**/cart");
}

test("buying two products in different quantities records exactly those items, quantities and prices", async ({
  page,
  shop,
  collector,
}) => {
  await page.goto(`${shop.url}/`);
  await expect(page.locator("li", { hasText: "Hoodie" })).toContainText("$49.50");
  await expect(page.locator("li", { hasText: "Cap" })).toContainText("$12.00");

  await addToCart(page, shop.url, "T-Shirt", 3);
  await addToCart(page, shop.url, "Hoodie", 2);
  await tracked(page, "view_cart");
  await expect(page.locator("tr.line")).toHaveText([
    /T-Shirt\s*3\s*\$24\.99\s*\$74\.97/,
    /Hoodie\s*2\s*\$49\.50\s*\$99\.00/,
  ]);
  await expect(page.locator("#total")).toHaveText("$173.97");

  await page.click("#checkout");
  await tracked(page, "begin_checkout");
  await expect(page.locator("#pay")).toHaveText("Pay $173.97");
  await page.click("#pay");
  await page.waitForURL("**/thanks?order=**");
  await tracked(page);
  await expect(page.locator("#total")).toHaveText("$173.97");

  const overview = await expectOrders(collector, 1, 173.97);
  expect(overview).toMatchObject({ total_items_sold: 5, avg_order_value: 173.97, net_revenue: 173.97 });
  const { products } = await collector.query("top-products");
  expect(products).toEqual([
    { item_id: "sku-hoodie", item_name: "Hoodie", revenue: 99, quantity: 2, orders: 1 },
    { item_id: "sku-tee", item_name: "T-Shirt", revenue: 74.97, quantity: 3, orders: 1 },
  ]);
  const funnel = await collector.query("funnel");
  expect(funnel.steps.map((s: { count: number }) => s.count)).toEqual([1, 1, 1, 1, 1, 1]);
  // A placed order empties the cart; reloading its thank-you page counts nothing twice.
  await page.reload();
  await tracked(page);
  await expectOrders(collector, 1, 173.97);
  await page.goto(`${shop.url}/cart`);
  await expect(page.locator("#empty")).toBeVisible();
});

test("pnpm example:shop runs beside pnpm start, and removes its temp database on exit", async ({ page, mode }) => {
  const run = spawn(process.execPath, [fileURLToPath(new URL("../../examples/run.mjs", import.meta.url))], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  run.stdout.on("data", (chunk) => (out += chunk));
  run.stderr.on("data", (chunk) => (out += chunk));
  try {
    await expect.poll(() => out, { timeout: 30_000 }).toContain("Ctrl-C stops");
    const collector = out.match(/Collector\s+(http:\/\/\S+)/)![1]!;
    const db = out.match(/temp database (\S+), removed on exit/)![1]!;
    const shops = [...out.matchAll(/^\s*(?:Shop)?\s+(http:\/\/\S+)\/\s{2,}/gm)].map((m) => m[1]!);
    const shop = mode === "script" ? shops[0]! : shops[1]!;
    const secret = out.match(/Bearer (sk_\S+?)'/)![1]!;
    expect(new URL(collector).port).not.toBe("8787");
    expect(existsSync(db)).toBe(true);

    await addToCart(page, shop, "Cap", 2);
    await page.click("#checkout");
    await page.click("#pay");
    await page.waitForURL("**/thanks?order=**");
    await tracked(page);
    const overview = () =>
      fetch(`${collector}/v1/api/analytics/ecommerce/overview`, {
        headers: { authorization: `Bearer ${secret}` },
      }).then((r) => r.json());
    await expect.poll(async () => (await overview()).total_revenue, { timeout: 20_000 }).toBe(24);

    const exited = new Promise((resolve) => run.once("exit", resolve));
    run.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(db)).toBe(false);
  } finally {
    run.kill("SIGKILL");
  }
});
