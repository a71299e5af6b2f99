import { describe, expect, it, beforeAll } from "vitest";
import { BATCH, harness, NOW, type Harness } from "../test-support/harness.js";
import { model } from "../test-support/reference.js";
import { stored, type Ev } from "../test-support/reference-events.js";
import { scenario } from "../test-support/scenario.js";

const DAY = 86_400_000;
const Q = "/v1/api/analytics/ecommerce";
const major = (minor: number) => Math.round(minor) / 100;
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const sortRows = <T extends { revenue: number; orders: number }>(rows: [string, T][]) =>
  rows.sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.orders - a.orders || ka.localeCompare(kb));

let h: Harness;
let events: Ev[];

async function get(path: string, key = h.shop.secret_key) {
  const res = await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  h = await harness();
  const sent = scenario();
  for (let i = 0; i < sent.length; i += 50) {
    for (const kind of ["pk", "sk"] as const) {
      const chunk = sent
        .slice(i, i + 50)
        .filter((s) => s.key === kind)
        .map((s) => s.body);
      if (!chunk.length) continue;
      const res = await h.post(BATCH, { events: chunk }, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key);
      const body = await res.json();
      expect(body, JSON.stringify(body.errors)).toEqual({ ok: true, accepted: chunk.length });
    }
  }
  events = stored(sent, "USD");
});

describe.each([
  ["days=30", { start: Math.floor(NOW / DAY) * DAY - 29 * DAY, end: Math.floor(NOW / DAY) * DAY + DAY }],
  ["days=7", { start: Math.floor(NOW / DAY) * DAY - 6 * DAY, end: Math.floor(NOW / DAY) * DAY + DAY }],
  ["start=2026-01-20&end=2026-02-28", { start: Date.parse("2026-01-20"), end: Date.parse("2026-03-01") }],
  ["days=365", { start: Math.floor(NOW / DAY) * DAY - 364 * DAY, end: Math.floor(NOW / DAY) * DAY + DAY }],
  ["start=2025-12-16&end=2026-02-14", { start: Date.parse("2025-12-16"), end: Date.parse("2026-02-15") }],
])("every endpoint agrees with the reference model over %s", (query, range) => {
  const m = () => model(events, range, NOW);
  const days = Math.round((range.end - range.start) / DAY);

  it("scenario is rich enough to mean something", () => {
    expect(m().orders).toBeGreaterThan(query === "days=7" ? 3 : 8);
    expect(m().refunds + m().abandoned).toBeGreaterThan(0);
  });

  it("overview", async () => {
    const x = m();
    expect((await get(`overview?${query}`)).body).toEqual({
      total_revenue: major(x.revenue),
      net_revenue: major(x.revenue - x.refundAmount),
      total_orders: x.orders,
      total_refunds: x.refunds,
      refund_amount: major(x.refundAmount),
      avg_order_value: x.orders ? major(x.revenue / x.orders) : 0,
      total_items_sold: x.itemsSold,
      cart_abandonment_rate: pct(x.abandoned, x.abandoned + x.completed),
      add_to_cart_rate: pct(x.adders, x.viewers),
      days,
    });
  });

  it("revenue-timeseries", async () => {
    const x = m();
    const { body } = await get(`revenue-timeseries?${query}`);
    expect(body.series).toHaveLength(days);
    expect(body.days).toBe(days);
    for (const point of body.series) {
      const day = x.byDay.get(point.date);
      expect(point).toEqual({ date: point.date, revenue: major(day?.revenue ?? 0), orders: day?.orders ?? 0 });
    }
    expect(body.series[0].date).toBe(new Date(range.start).toISOString().slice(0, 10));
  });

  it("funnel", async () => {
    const counts = m().funnel;
    const { body } = await get(`funnel?${query}`);
    expect(body.steps.map((s: { count: number }) => s.count)).toEqual(counts);
    expect(body.steps.map((s: { percentage: number }) => s.percentage)).toEqual(
      counts.map((c, i) => (i === 0 ? 100 : pct(c, counts[i - 1]!))),
    );
  });

  it("top-products", async () => {
    const { productMap, latestName } = m().products;
    const expected = [...productMap.entries()]
      .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.quantity - a.quantity || ka.localeCompare(kb))
      .slice(0, 3)
      .map(([id, p]) => ({
        item_id: id,
        item_name: latestName(id),
        revenue: major(p.revenue),
        quantity: p.quantity,
        orders: p.orders.size,
      }));
    expect((await get(`top-products?${query}&limit=3`)).body).toEqual({ products: expected, days });
  });

  it("revenue-by-channel", async () => {
    const rows = sortRows([...m().channels.entries()].filter(([, c]) => c.orders > 0)).map(([k, c]) => {
      const [campaign, source, medium] = JSON.parse(k);
      return {
        campaign,
        source,
        medium,
        revenue: major(c.revenue),
        orders: c.orders,
        conversion_rate: pct(c.orders, c.sessions || c.orders),
      };
    });
    expect((await get(`revenue-by-channel?${query}`)).body).toEqual({ channels: rows, days });
  });

  it("revenue-by-coupon", async () => {
    const rows = sortRows([...m().coupons.entries()]).map(([code, c]) => ({
      coupon_code: code,
      revenue: major(c.revenue),
      orders: c.orders,
      avg_discount: major(c.discount / c.orders),
    }));
    expect((await get(`revenue-by-coupon?${query}`)).body).toEqual({ coupons: rows, days });
  });

  it.each([
    ["revenue-by-device", "devices", "device_type", "byDevice"],
    ["revenue-by-platform", "platforms", "platform", "byPlatform"],
    ["revenue-by-country", "countries", "country", "byCountry"],
  ] as const)("%s", async (path, list, field, group) => {
    const rows = [...m()[group].entries()]
      .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.orders - a.orders || String(ka).localeCompare(String(kb)))
      .map(([k, r]) => ({ [field]: k, revenue: major(r.revenue), orders: r.orders }));
    const { body } = await get(`${path}?${query}`);
    expect(body.days).toBe(days);
    expect(new Set(body[list].map(JSON.stringify))).toEqual(new Set(rows.map((r) => JSON.stringify(r))));
    expect(body[list].map((r: { revenue: number }) => r.revenue)).toEqual(rows.map((r) => r.revenue));
  });

  it("coverage", async () => {
    // From the reference's own stored orders: who reported each (seenBy), its device and platform.
    const purchases = events.filter((e) => e.type === "purchase" && e.ts >= range.start && e.ts < range.end);
    const sideOf = { client: "client_only", server: "server_only", both: "both" } as const;
    const summary = (list: typeof purchases) => {
      const orders = { both: 0, client_only: 0, server_only: 0 };
      const revenue = { both: 0, client_only: 0, server_only: 0 };
      for (const p of list) {
        orders[sideOf[p.seenBy]] += 1;
        revenue[sideOf[p.seenBy]] += p.revenue ?? 0;
      }
      const all = orders.both + orders.client_only + orders.server_only;
      return {
        orders,
        revenue: {
          both: major(revenue.both),
          client_only: major(revenue.client_only),
          server_only: major(revenue.server_only),
        },
        browser_missed_pct: pct(orders.server_only, all),
      };
    };
    const by = (key: "device" | "platform", field: string) =>
      [...new Set(purchases.map((p) => p[key]))].map((value) => ({
        [field]: value,
        ...summary(purchases.filter((p) => p[key] === value)),
      }));
    const { body: answer } = await get(`coverage?${query}`);
    const whole = summary(purchases);
    // The split by source and door is held to the sides it splits (coverage.test.ts checks its values).
    const { server_by_source, browser_by_door, ...body } = answer;
    const sum = (split: Record<string, { orders: number }>) => Object.values(split).reduce((n, s) => n + s.orders, 0);
    expect(sum(server_by_source)).toBe(whole.orders.both + whole.orders.server_only);
    expect(sum(browser_by_door)).toBe(whole.orders.both + whole.orders.client_only);
    expect({
      ...body,
      by_device: new Set(body.by_device.map(JSON.stringify)),
      by_platform: new Set(body.by_platform.map(JSON.stringify)),
    }).toEqual({
      ...whole,
      server_orders: whole.orders.both + whole.orders.server_only,
      by_device: new Set(by("device", "device_type").map((r) => JSON.stringify(r))),
      by_platform: new Set(by("platform", "platform").map((r) => JSON.stringify(r))),
      days,
    });
    // The scenario's orders are reported by both sides or by the server alone (browser-only
    // orders are covered by coverage.test.ts).
    if (query === "days=365")
      expect(Math.min(whole.orders.both, whole.orders.server_only), "orders of both kinds").toBeGreaterThan(0);
  });

  it("cart-abandonment", async () => {
    const x = m();
    expect((await get(`cart-abandonment?${query}`)).body).toEqual({
      abandonment_rate: pct(x.abandoned, x.abandoned + x.completed),
      abandoned_carts: x.abandoned,
      abandoned_revenue: major(x.abandonedValue),
      completed_carts: x.completed,
      days,
    });
  });

  it.each(["last_click", "linear", "time_decay"])("attribution %s over each window", async (modelName) => {
    for (const window of [7, 30, 90]) {
      const a = m().attribution(modelName, window);
      const { body } = await get(`attribution?${query}&model=${modelName}&window=${window}`);
      const expected = sortRows([...a.credit.entries()]).map(([k, c]) => {
        const [campaign, source, medium] = JSON.parse(k);
        return {
          campaign,
          source,
          medium,
          orders: c.orders,
          revenue: major(c.revenue),
          pct_of_total: pct(c.revenue, a.total),
        };
      });
      expect(body.model).toBe(modelName);
      expect(body.window_days).toBe(window);
      expect(body.unattributed).toEqual({ revenue: major(a.unattributed.revenue), orders: a.unattributed.orders });
      expect(body.attributed).toHaveLength(expected.length);
      body.attributed.forEach((row: any, i: number) => {
        expect({ ...row, revenue: undefined }).toEqual({ ...expected[i], revenue: undefined });
        expect(Math.abs(row.revenue - expected[i]!.revenue)).toBeLessThanOrEqual(0.011);
      });
    }
  });
});

describe("cohorts and people", () => {
  it("cohorts", async () => {
    const { firstMonth, cohortRevenue, current } = model(events, { start: 0, end: Infinity }, NOW).cohorts;
    const months = [...cohortRevenue.keys()].sort((a, b) => b - a).slice(0, 2);
    const { body } = await get("cohorts?months=2");
    const users = months.reduce((n, mo) => n + cohortRevenue.get(mo)!.users.size, 0);
    const revenue = months.reduce(
      (n, mo) => n + [...cohortRevenue.get(mo)!.byMonth.values()].reduce((a, b) => a + b, 0),
      0,
    );
    expect(body).toEqual({
      cohorts: months.map((mo) => ({
        month: `${Math.floor(mo / 12)}-${String((mo % 12) + 1).padStart(2, "0")}`,
        users: cohortRevenue.get(mo)!.users.size,
        revenue_by_month: Object.fromEntries(
          Array.from({ length: current - mo + 1 }, (_, k) => [
            String(k),
            major(cohortRevenue.get(mo)!.byMonth.get(k) ?? 0),
          ]),
        ),
      })),
      avg_ltv: major(revenue / users),
      total_purchasing_users: users,
    });
    expect(firstMonth.size).toBeGreaterThan(5);
  });

  it("user-journey returns every event of the person, stitched ids included, oldest first", async () => {
    const x = model(events, { start: 0, end: Infinity }, NOW);
    const person = events.find((e) => e.user === "user-3")!.user!;
    const mine = events
      .filter((e) => x.visitor(e) === person && (e.user === person || e.anon))
      .sort((a, b) => a.ts - b.ts || a.order - b.order);
    const { body } = await get(`user-journey?user_id=${person}`);
    expect(body.user_id).toBe(person);
    expect(body.events.map((e: { event_type: string }) => e.event_type)).toEqual(mine.map((e) => e.type));
    expect(body.events.map((e: { timestamp: string }) => Date.parse(e.timestamp))).toEqual(mine.map((e) => e.ts));
    expect(mine.some((e) => !e.user)).toBe(true); // anonymous events before identification are part of it
  });
});

describe("parameters and keys", () => {
  it.each([
    ["overview?days=0", "days must be a whole number of days, 1 or more"],
    ["overview?days=abc", "days must be a whole number of days, 1 or more"],
    ["overview?start=2026-02-30&end=2026-03-01", "start must be an ISO date such as 2026-01-31"],
    ["overview?start=2026-03-10&end=2026-03-01", "end must not be before start"],
    ["top-products?limit=101", "limit must be a whole number from 1 to 100"],
    ["attribution?model=first_click", "model must be one of last_click, linear, time_decay"],
    ["attribution?window=10", "window must be one of 7, 14, 30, 60, 90"],
    ["cohorts?months=0", "months must be a whole number from 1 to 120"],
    ["user-journey", "user_id is required"],
  ])("%s → 400 %s", async (path, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toEqual({ error: message, code: expect.stringMatching(/^query\.invalid_/) });
  });

  it("clamps a range to the appspace's retention", async () => {
    await h.run("UPDATE appspaces SET retention_days = 10");
    try {
      expect((await get("overview?days=400")).body.days).toBe(10);
      expect((await get("revenue-timeseries?days=400")).body.series).toHaveLength(10);
    } finally {
      await h.run("UPDATE appspaces SET retention_days = 365");
    }
  });

  it("answers 401 without a key and 403 with a publishable one", async () => {
    expect((await h.app.request(`${Q}/overview`)).status).toBe(401);
    const { status, body } = await get("overview", h.shop.publishable_key);
    expect(status).toBe(403);
    expect(body.code).toBe("auth.secret_key_required");
    const erase = await h.app.request("/v1/api/analytics/user/x", {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.publishable_key}` },
    });
    expect(erase.status).toBe(403);
  });
});
