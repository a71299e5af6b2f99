import { Hono, type Context } from "hono";
import type { MiddlewareHandler } from "hono";
import type { Authenticate } from "../auth/authenticate.js";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import type { Store } from "../store.js";
import { cartSummary, addToCartRate } from "./carts.js";
import { choiceParam, intParam } from "./params.js";
import { readKey } from "../model/read-key.js";
import { dayRange, isoDay } from "./range.js";
import type { BreakdownColumn } from "../store.js";
import { money } from "./rounding.js";

export interface QueryDeps {
  store: Store;
  clock: () => number;
  authenticate: Authenticate;
  /** Read-after-acknowledge (queries/fresh.middleware.ts). */
  readable: MiddlewareHandler;
  /** Erase: the appspace projected up to the request's arrival (queries/fresh.middleware.ts). */
  settled: MiddlewareHandler;
}

/**
 * The read key of a query request: its appspace, every event or (`exclude_flagged=true`) only
 * those no fraud rule flagged.
 */
export function readKeyOf(c: Context<SecretEnv>): number {
  const exclude = choiceParam("exclude_flagged", c.req.query("exclude_flagged"), ["true", "false"], "false") === "true";
  return readKey(c.var.auth.appspace.seq, exclude);
}

/** The range, appspace and read key of a query request. */
export function scopeOf(c: Context<SecretEnv>, clock: () => number) {
  const { appspace } = c.var.auth;
  const range = dayRange(
    { days: c.req.query("days"), start: c.req.query("start"), end: c.req.query("end") },
    clock(),
    appspace.retention_days,
  );
  return { appspace, key: readKeyOf(c), range, currency: appspace.currency };
}

/** overview, revenue-timeseries, top-products, revenue-by-coupon|device|platform|country. */
export function revenueRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);

  app.get("/overview", secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(c, clock);
    const [t, carts, addRate] = await Promise.all([
      store.orderTotals(key, range),
      cartSummary(store, key, range),
      addToCartRate(store, key, range),
    ]);
    return c.json({
      total_revenue: money(t.revenue, currency),
      net_revenue: money(t.revenue - t.refund_amount, currency),
      total_orders: t.orders,
      total_refunds: t.refunds,
      refund_amount: money(t.refund_amount, currency),
      avg_order_value: t.orders === 0 ? 0 : money(t.revenue / t.orders, currency),
      total_items_sold: t.items_sold,
      cart_abandonment_rate: carts.rate,
      add_to_cart_rate: addRate,
      days: range.days,
    });
  });

  app.get("/revenue-timeseries", secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(c, clock);
    const byDay = new Map((await store.revenueByDay(key, range)).map((r) => [r.day, r]));
    const series = [];
    for (let day = range.startDay; day <= range.endDay; day++) {
      const row = byDay.get(day);
      series.push({ date: isoDay(day), revenue: money(row?.revenue ?? 0, currency), orders: row?.orders ?? 0 });
    }
    return c.json({ series, days: range.days });
  });

  app.get("/top-products", secret, readable, async (c) => {
    const limit = intParam("limit", c.req.query("limit"), 20, 1, 100);
    const { key, range, currency } = scopeOf(c, clock);
    const products = (await store.topProducts(key, range, limit)).map((p) => ({
      item_id: p.item_id,
      item_name: p.item_name,
      revenue: money(p.revenue, currency),
      quantity: p.quantity,
      orders: p.orders,
    }));
    return c.json({ products, days: range.days });
  });

  app.get("/revenue-by-coupon", secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(c, clock);
    const coupons = (await store.revenueByCoupon(key, range)).map((r) => ({
      coupon_code: r.coupon_code,
      revenue: money(r.revenue, currency),
      orders: r.orders,
      avg_discount: money(r.discount / r.orders, currency),
    }));
    return c.json({ coupons, days: range.days });
  });

  const breakdown = (path: string, list: string, column: BreakdownColumn, field: string) =>
    app.get(path, secret, readable, async (c) => {
      const { key, range, currency } = scopeOf(c, clock);
      const rows = (await store.revenueBy(key, range, column)).map((r) => ({
        [field]: r.key,
        revenue: money(r.revenue, currency),
        orders: r.orders,
      }));
      return c.json({ [list]: rows, days: range.days });
    });
  breakdown("/revenue-by-device", "devices", "device_type", "device_type");
  breakdown("/revenue-by-platform", "platforms", "platform", "platform");
  breakdown("/revenue-by-country", "countries", "country", "country");

  return app;
}
