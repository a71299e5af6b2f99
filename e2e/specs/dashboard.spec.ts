import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startCollector, type Collector } from "../support/collector.js";
import {
  cells,
  expect,
  expected,
  panel,
  panelsSettled,
  signIn,
  tableValues,
  test,
  tile,
} from "../support/dashboard-page.js";
// The collector's own generator of a demo history, from its build.
import { generateHistory, sendEvents, splitHistory } from "../../packages/collector/dist/demo/demo-history.js";

const OVERVIEW_TILES = [
  ["total_revenue", "money"],
  ["net_revenue", "money"],
  ["total_orders", "count"],
  ["avg_order_value", "money"],
  ["total_items_sold", "count"],
  ["total_refunds", "count"],
  ["refund_amount", "money"],
  ["cart_abandonment_rate", "percent"],
  ["add_to_cart_rate", "percent"],
] as const;

/** The overview tiles equal the overview endpoint for `range`, value and formatted text. */
async function expectOverview(page: import("@playwright/test").Page, collector: Collector, range: string) {
  const api = await collector.query(`overview?${range}`);
  for (const [metric, kind] of OVERVIEW_TILES) {
    const shown = await tile(page, "Overview", metric);
    expect(shown.value, metric).toBe(api[metric]);
    expect(shown.text, metric).toBe(expected[kind](api[metric]));
  }
  return api;
}

test.describe("with a generated history", () => {
  let collector: Collector;
  test.beforeAll(async () => {
    collector = await startCollector();
    // As the demo shop: the last week's orders seen by the browser only, the server only or both.
    const { browser, server } = splitHistory(generateHistory({ days: 120, visitors: 220 }));
    await sendEvents(collector.url, collector.keys.secret_key, server);
    await sendEvents(
      collector.url,
      collector.keys.publishable_key,
      browser,
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    );
    // Two events from curl with the public key: answered as accepted, dropped by the bot rule.
    for (let i = 0; i < 2; i++) {
      await fetch(`${collector.url}/v1/api/analytics/ecommerce/track`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${collector.keys.publishable_key}`,
          "user-agent": "curl/8.5.0",
        },
        body: JSON.stringify({ event_type: "view_cart", event_id: `curl-${i}` }),
      });
    }
  });
  test.afterAll(async () => collector.stop());

  test("signs in by the label and every panel shows its endpoint's numbers", async ({ page, watch }) => {
    await page.goto(collector.url);
    await expect(page).toHaveURL(/\/dashboard$/);
    await signIn(page, collector.keys.secret_key);
    await expect(page.getByRole("heading", { name: /E2E shop/ })).toBeVisible();
    await panelsSettled(page);

    const overview = await expectOverview(page, collector, "days=30");
    expect(overview.total_orders).toBeGreaterThan(0);
    // What the fraud rules dropped silently shows on the overview, as the appspace route counts it.
    const appspace = await (
      await fetch(`${collector.url}/v1/api/analytics/appspace`, {
        headers: { authorization: `Bearer ${collector.keys.secret_key}` },
      })
    ).json();
    const dropped = Object.values(appspace.dropped_this_month as Record<string, number>).reduce((sum, n) => sum + n, 0);
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect((await tile(page, "Overview", "dropped_this_month")).value).toBe(dropped);

    const { series } = await collector.query("revenue-timeseries?days=30");
    const caption = panel(page, "Revenue and orders over time").locator("[data-days]");
    await expect(caption).toHaveAttribute("data-days", String(series.length));
    await expect(caption).toHaveAttribute(
      "data-orders",
      String(series.reduce((n: number, p: { orders: number }) => n + p.orders, 0)),
    );
    await expect(panel(page, "Revenue and orders over time").locator("canvas")).toBeVisible();

    const { steps } = await collector.query("funnel?days=30");
    const funnel = await panel(page, "Funnel")
      .locator("li")
      .evaluateAll((lis) =>
        lis.map((li) => [
          li.getAttribute("data-step"),
          Number(li.getAttribute("data-count")),
          Number(li.getAttribute("data-percentage")),
        ]),
      );
    expect(funnel).toEqual(
      steps.map((s: { name: string; count: number; percentage: number }) => [s.name, s.count, s.percentage]),
    );

    const carts = await collector.query("cart-abandonment?days=30");
    for (const metric of ["abandonment_rate", "abandoned_carts", "completed_carts", "abandoned_revenue"]) {
      expect((await tile(page, "Cart abandonment", metric)).value, metric).toBe(carts[metric]);
    }

    const coverage = await collector.query("coverage?days=30");
    expect((await tile(page, "Orders the browser missed", "browser_missed_pct")).value).toBe(
      coverage.browser_missed_pct,
    );
    for (const side of ["server_only", "both", "client_only"]) {
      expect((await tile(page, "Orders the browser missed", side)).value, side).toBe(coverage.orders[side]);
    }
    expect((await tile(page, "Orders the browser missed", "server_only_revenue")).value).toBe(
      coverage.revenue.server_only,
    );
    // Where each side's orders came from: here the secret key's, and the browser's script tag (when it saw any).
    const sources = [
      ["Server", "Secret key (backend, Segment server libraries)", coverage.server_by_source.secret_key],
      ["Browser", "Script tag or SDK", coverage.browser_by_door.script_tag],
    ] as const;
    expect(await tableValues(page, "Orders the browser missed")).toEqual(
      sources.filter(([, , s]) => s.orders > 0).map(([side, name, s]) => cells(side, name, s.orders, s.revenue)),
    );

    const { products } = await collector.query("top-products?days=30&limit=20");
    expect(await tableValues(page, "Top products")).toEqual(
      products.map((p: any) => cells(p.item_name ?? p.item_id, p.item_id, p.revenue, p.quantity, p.orders)),
    );

    const { channels } = await collector.query("revenue-by-channel?days=30");
    expect(await tableValues(page, "Channels")).toEqual(
      channels.map((c: any) => cells(c.campaign, c.source, c.medium, c.revenue, c.orders, c.conversion_rate)),
    );

    const { coupons } = await collector.query("revenue-by-coupon?days=30");
    expect(coupons.length).toBeGreaterThan(0);
    expect(await tableValues(page, "Coupons")).toEqual(
      coupons.map((c: any) => cells(c.coupon_code, c.revenue, c.orders, c.avg_discount)),
    );

    for (const [title, endpoint, list, field] of [
      ["Devices", "revenue-by-device", "devices", "device_type"],
      ["Platforms", "revenue-by-platform", "platforms", "platform"],
      ["Countries", "revenue-by-country", "countries", "country"],
    ]) {
      const answer = await collector.query(`${endpoint}?days=30`);
      expect(await tableValues(page, title!), title).toEqual(
        answer[list!].map((r: any) => cells(r[field!], r.revenue, r.orders)),
      );
    }

    const attribution = async (model: string) => {
      const a = await collector.query(`attribution?days=30&model=${model}&window=30`);
      await expect
        .poll(() => tableValues(page, "Attribution"))
        .toEqual(
          a.attributed.map((r: any) => cells(r.campaign, r.source, r.medium, r.revenue, r.orders, r.pct_of_total)),
        );
      await expect(panel(page, "Attribution").locator("[data-unattributed-revenue]")).toHaveAttribute(
        "data-unattributed-revenue",
        String(a.unattributed.revenue),
      );
    };
    await attribution("last_click");
    await panel(page, "Attribution").getByLabel("Model").selectOption("linear");
    await attribution("linear");
    await expect(page).toHaveURL(/[?&]model=linear\b/);

    const cohorts = await collector.query("cohorts?months=6");
    const matrix = await panel(page, "Cohorts")
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.getAttribute("data-month"),
          ...[...r.querySelectorAll("td[data-value]")].map((td) => Number(td.getAttribute("data-value"))),
        ]),
      );
    expect(matrix).toEqual(
      cohorts.cohorts.map((c: any) => [
        c.month,
        c.users,
        ...Object.keys(c.revenue_by_month)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => c.revenue_by_month[k]),
      ]),
    );
    await expect(panel(page, "Cohorts").locator("[data-avg-ltv]")).toHaveAttribute(
      "data-avg-ltv",
      String(cohorts.avg_ltv),
    );

    const journey = panel(page, "User journey");
    await journey.getByLabel("User id").fill("user-3");
    await journey.getByLabel("User id").press("Enter");
    const { events } = await collector.query("user-journey?days=30&user_id=user-3");
    expect(events.length).toBeGreaterThan(0);
    await expect
      .poll(() => tableValues(page, "User journey"))
      .toEqual(
        events.map((e: any) =>
          cells(
            e.timestamp,
            e.event_type,
            e.transaction_id,
            (e.items ?? []).map((i: any) => i.item_name ?? i.item_id).join("; "),
            e.revenue,
          ),
        ),
      );

    // The key went only in the Authorization header, never into a URL.
    expect(watch.authorizations.length).toBeGreaterThan(10);
    expect(new Set(watch.authorizations)).toEqual(new Set([`Bearer ${collector.keys.secret_key}`]));
    expect(watch.urls.filter((u) => u.includes(collector.keys.secret_key))).toEqual([]);
    expect(page.url()).not.toContain(collector.keys.secret_key);
  });

  test("a range change reaches every panel and the URL, and survives reload and back", async ({ page }) => {
    await page.goto(`${collector.url}/dashboard`);
    await signIn(page, collector.keys.secret_key);
    await panelsSettled(page);
    const month = await expectOverview(page, collector, "days=30");

    await page.getByRole("button", { name: "7 days" }).click();
    await expect(page).toHaveURL(/\?days=7$/);
    await panelsSettled(page);
    const week = await expectOverview(page, collector, "days=7");
    expect(week.total_orders).toBeLessThan(month.total_orders);
    const { products } = await collector.query("top-products?days=7&limit=20");
    expect(await tableValues(page, "Top products")).toEqual(
      products.map((p: any) => cells(p.item_name ?? p.item_id, p.item_id, p.revenue, p.quantity, p.orders)),
    );

    const start = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From").fill(start);
    await page.getByLabel("to", { exact: true }).fill(end);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?start=${start}&end=${end}$`));
    await panelsSettled(page);
    await expectOverview(page, collector, `start=${start}&end=${end}`);
    const { series } = await collector.query(`revenue-timeseries?start=${start}&end=${end}`);
    await expect(page.locator("[data-days]")).toHaveAttribute("data-days", String(series.length));

    // The URL is shareable: a reload (still signed in, in this tab) keeps the range, and the
    // attribution settings chosen in the page.
    await panel(page, "Attribution").getByLabel("Window").selectOption("7");
    await expect(page).toHaveURL(new RegExp(`\\?start=${start}&end=${end}&window=7$`));
    await page.reload();
    await panelsSettled(page);
    await expectOverview(page, collector, `start=${start}&end=${end}`);
    await expect(panel(page, "Attribution").getByLabel("Window")).toHaveValue("7");
    const attributed = (await collector.query(`attribution?start=${start}&end=${end}&window=7`)).attributed;
    expect(await tableValues(page, "Attribution")).toEqual(
      attributed.map((r: any) => cells(r.campaign, r.source, r.medium, r.revenue, r.orders, r.pct_of_total)),
    );
    await page.goBack();
    await expect(page).toHaveURL(/\?days=7$/);
    await panelsSettled(page);
    await expectOverview(page, collector, "days=7");
  });

  test("each panel downloads its numbers as CSV", async ({ page }) => {
    await page.goto(`${collector.url}/dashboard?days=90`);
    await signIn(page, collector.keys.secret_key);
    await panelsSettled(page);
    const download = page.waitForEvent("download");
    await panel(page, "Top products").getByRole("button", { name: "CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("tally-top-products-last-90-days.csv");
    const csv = await new Promise<string>((resolve, reject) => {
      let text = "";
      void file.createReadStream().then((stream) =>
        stream
          .on("data", (c) => (text += c))
          .on("end", () => resolve(text))
          .on("error", reject),
      );
    });
    const { products } = await collector.query("top-products?days=90&limit=20");
    const lines = products.map((p: any) => [p.item_name, p.item_id, p.revenue, p.quantity, p.orders].join(","));
    expect(csv).toBe(`${["Product,SKU,Revenue,Quantity,Orders", ...lines].join("\r\n")}\r\n`);
  });

  test("one failing endpoint shows its error in its own panel and leaves the others", async ({ page, watch }) => {
    // The collector answers coupons with a 500; every other request reaches it as usual.
    await page.route("**/v1/api/analytics/ecommerce/revenue-by-coupon*", (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: "Internal error", code: "internal.error" }),
      }),
    );
    await page.goto(`${collector.url}/dashboard`);
    await signIn(page, collector.keys.secret_key);
    const coupons = panel(page, "Coupons");
    await expect(coupons.getByRole("alert")).toHaveText("Could not load: Internal error");
    await expect(coupons.getByRole("button", { name: "CSV" })).toBeDisabled();
    await expect(page.locator("section.panel[data-state=ready]")).toHaveCount(13);
    await expectOverview(page, collector, "days=30");
    expect(watch.problems.splice(0)).toEqual([expect.stringContaining("500")]);
  });

  test("a publishable or unknown key is refused with a message", async ({ page, watch }) => {
    await page.goto(`${collector.url}/dashboard`);
    await signIn(page, collector.keys.publishable_key);
    await expect(page.getByRole("alert")).toContainText("publishable key");
    await signIn(page, "sk_not_a_key_of_this_collector");
    await expect(page.getByRole("alert")).toContainText("does not know that key");
    await expect(page.getByLabel("Secret key")).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // The browser reports each refused request itself; those two are expected, nothing else.
    expect(watch.problems.splice(0)).toEqual([expect.stringContaining("403"), expect.stringContaining("401")]);
  });

  test("signing out forgets the key", async ({ page }) => {
    await page.goto(`${collector.url}/dashboard?days=90`);
    await signIn(page, collector.keys.secret_key);
    await panelsSettled(page);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([collector.keys.secret_key]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByLabel("Secret key")).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    await expect(page.getByLabel("Secret key")).toBeVisible();
    await expect(page.getByLabel("Secret key")).toHaveValue("");
  });

  test("a first load is small; screenshots at 1400×1000 and at a phone's width", async ({ page }, testInfo) => {
    // A cold load: what the page and its files weigh on the wire.
    const files: Array<Promise<{ encoding: string | null; length: number }>> = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/dashboard"))
        files.push(
          r
            .allHeaders()
            .then((h) => ({ encoding: h["content-encoding"] ?? null, length: Number(h["content-length"]) })),
        );
    });
    await page.goto(`${collector.url}/dashboard?days=90`);
    await expect(page.getByLabel("Secret key")).toBeVisible();
    const sent = await Promise.all(files);
    expect(sent).toHaveLength(3); // the page, one script, one style sheet
    expect(sent.map((f) => f.encoding)).toEqual(["gzip", "gzip", "gzip"]);
    const transfer = sent.reduce((sum, f) => sum + f.length, 0);
    expect(transfer).toBeLessThan(40_000);

    await signIn(page, collector.keys.secret_key);
    await panelsSettled(page);
    // Signed in (the key is in this tab's sessionStorage), a reload is what a returning visit costs.
    await page.reload();
    await expect(panel(page, "Overview").locator("[data-metric=total_revenue]")).toBeVisible();
    const painted = await page.evaluate(() => Math.round(performance.now()));
    testInfo.annotations.push({
      type: "dashboard",
      description: `${transfer} bytes on the wire (gzip) for a cold load; overview painted ${painted} ms after a reload's navigation`,
    });
    await panelsSettled(page);
    await expect(panel(page, "Revenue and orders over time").locator("canvas")).toBeVisible();
    const wide = testInfo.outputPath("dashboard-1400x1000.png");
    await page.screenshot({ path: wide, fullPage: true });
    await testInfo.attach("dashboard at 1400×1000", { path: wide, contentType: "image/png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await panelsSettled(page);
    const phone = testInfo.outputPath("dashboard-390-phone.png");
    await page.screenshot({ path: phone, fullPage: true });
    await testInfo.attach("dashboard at 390 px", { path: phone, contentType: "image/png" });
    // Nothing wider than the phone's screen but the tables' own scrolling boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test("an empty appspace shows a script tag that, pasted into a page, delivers the first event", async ({
  page,
  context,
}) => {
  const collector = await startCollector();
  let shop: Server | undefined;
  try {
    await page.goto(`${collector.url}/dashboard`);
    await signIn(page, collector.keys.secret_key);
    const empty = page.getByRole("region", { name: "No events yet" });
    await expect(empty).toBeVisible();
    await empty.getByLabel("Publishable key").fill(collector.keys.publishable_key);
    const tag = await empty.locator("#script-tag").textContent();
    expect(tag).toBe(
      `<script async src="${collector.url}/tally.js" data-key="${collector.keys.publishable_key}"></script>`,
    );
    const conversion = (await empty.locator("#conversion-snippet").textContent()) ?? "";
    expect(conversion).toContain('hrq.push(["trackConversion"');

    // A shop page on another origin with exactly what the dashboard said to paste.
    shop = createServer((_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!doctype html><title>Thanks</title>${tag}${conversion}`),
    );
    await new Promise<void>((resolve) => shop!.listen(0, "127.0.0.1", resolve));
    const shopPage = await context.newPage();
    await shopPage.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/thanks`);

    await expect(empty).toBeHidden({ timeout: 20_000 });
    await panelsSettled(page);
    const orders = await tile(page, "Overview", "total_orders");
    expect(orders.value).toBe(1);
    expect((await tile(page, "Overview", "total_revenue")).text).toBe(expected.money(499.32));
    expect((await collector.query("overview")).total_orders).toBe(1);
  } finally {
    shop?.close();
    await collector.stop();
  }
});
