import { test as base, expect } from "@playwright/test";
// @ts-expect-error the example server is plain JavaScript
import { startShop } from "@tally/example-thank-you-page/server.mjs";
import { startCollector, type Collector } from "./collector.js";
import { startPages, type Pages } from "./pages.js";

export type Mode = "script" | "npm";

interface Shop {
  url: string;
  close(): Promise<void>;
}

export const test = base.extend<{ mode: Mode; collector: Collector; shop: Shop; pages: Pages }>({
  mode: ["script", { option: true }],
  collector: async ({}, use) => {
    const collector = await startCollector();
    await use(collector);
    await collector.stop();
  },
  shop: async ({ collector, mode }, use) => {
    const shop: Shop = await startShop({ collector: collector.url, key: collector.keys.publishable_key, mode });
    await use(shop);
    await shop.close();
  },
  pages: async ({ collector, mode }, use) => {
    const pages = await startPages({ mode, key: collector.keys.publishable_key, endpoint: collector.url });
    await use(pages);
    await pages.close();
  },
});

export { expect };

/**
 * Visits the shop's front page in a tab of its own and closes it, so the script is in the
 * browser cache for what follows. Closed rather than left in the back/forward cache, where a
 * frozen page's IndexedDB transaction could hold up the next page's.
 */
export async function cacheScript(context: import("@playwright/test").BrowserContext, shopUrl: string) {
  const page = await context.newPage();
  await page.goto(`${shopUrl}/`);
  await page.close();
}

/** Resolves when the page's Tally callbacks have run for `count` commands of `type`. */
export async function tracked(page: import("@playwright/test").Page, type = "purchase", count = 1) {
  await page.waitForFunction(
    ([t, n]) => ((window as any).tracked ?? []).filter((x: string) => x === t).length >= n,
    [type, count] as const,
    { timeout: 15_000 },
  );
}

/**
 * Waits until the collector counts `orders` orders, then a little longer to make sure no second
 * one follows (a late beacon or retry), and answers the overview.
 */
export async function expectOrders(collector: Collector, orders: number, revenue: number) {
  await expect.poll(async () => (await collector.query("overview")).total_orders, { timeout: 20_000 }).toBe(orders);
  await new Promise((r) => setTimeout(r, 1500));
  const overview = await collector.query("overview");
  expect(overview.total_orders).toBe(orders);
  expect(overview.total_revenue).toBe(revenue);
  return overview;
}

/** top-products as { item_id: quantity }. */
export async function quantities(collector: Collector): Promise<Record<string, number>> {
  const { products } = await collector.query("top-products?limit=100");
  return Object.fromEntries(products.map((p: { item_id: string; quantity: number }) => [p.item_id, p.quantity]));
}

export const thanks = (order: string, total = 49.99, products = "p-1234,p-4567") =>
  `/thanks?order=${order}&total=${total}&products=${products}`;
