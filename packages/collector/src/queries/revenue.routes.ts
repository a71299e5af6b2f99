import { Hono, type Context } from "hono";
import type { MiddlewareHandler } from "hono";
import type { Authenticate } from "../auth/authenticate.js";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { type Answer, queryOf, routePath } from "../http/contract.js";
import type { Projector } from "../projector/projector.js";
import type { Store } from "../store.js";
import { cartSummary, addToCartRate } from "./carts.js";
import { readKey } from "../model/read-key.js";
import { dayRange, isoDay } from "./range.js";
import type { BreakdownColumn } from "../store.js";
import { money } from "./rounding.js";
import {
  countriesRoute,
  couponsRoute,
  devicesRoute,
  overviewRoute,
  platformsRoute,
  timeseriesRoute,
  topProductsRoute,
} from "./revenue.contract.js";

export interface QueryDeps {
  store: Store;
  clock: () => number;
  authenticate: Authenticate;
  /** Read-after-acknowledge (queries/fresh.middleware.ts). */
  readable: MiddlewareHandler;
  /** Erase: the appspace projected up to the request's arrival (queries/fresh.middleware.ts). */
  settled: MiddlewareHandler;
  /** The writer of the database, which runs erases between its steps. */
  projector: Pick<Projector, "erase">;
}

/** What every query's parameters hold: the range as sent (`dayRange` checks it) and exclude_flagged. */
export interface ScopeParams {
  days?: string;
  start?: string;
  end?: string;
  exclude_flagged: boolean;
}

/**
 * The read key of a query request: its appspace, every event or (`exclude_flagged=true`) only
 * those no fraud rule flagged.
 */
export function readKeyOf(c: Context<SecretEnv>, q: { exclude_flagged: boolean }): number {
  return readKey(c.var.auth.appspace.seq, q.exclude_flagged);
}

/** The range, appspace and read key of a query request. */
export function scopeOf(c: Context<SecretEnv>, clock: () => number, q: ScopeParams) {
  const { appspace } = c.var.auth;
  const range = dayRange(q, clock(), appspace.retention_days);
  return { appspace, key: readKeyOf(c, q), range, currency: appspace.currency };
}

/** overview, revenue-timeseries, top-products, revenue-by-coupon|device|platform|country. */
export function revenueRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);

  app.get(routePath(overviewRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(overviewRoute, (name) => c.req.query(name)),
    );
    const [t, carts, addRate] = await Promise.all([
      store.orderTotals(key, range),
      cartSummary(store, key, range),
      addToCartRate(store, key, range),
    ]);
    return c.json<Answer<typeof overviewRoute>>({
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

  app.get(routePath(timeseriesRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(timeseriesRoute, (name) => c.req.query(name)),
    );
    const byDay = new Map((await store.revenueByDay(key, range)).map((r) => [r.day, r]));
    const series = [];
    for (let day = range.startDay; day <= range.endDay; day++) {
      const row = byDay.get(day);
      series.push({ date: isoDay(day), revenue: money(row?.revenue ?? 0, currency), orders: row?.orders ?? 0 });
    }
    return c.json<Answer<typeof timeseriesRoute>>({ series, days: range.days });
  });

  app.get(routePath(topProductsRoute), secret, readable, async (c) => {
    const q = queryOf(topProductsRoute, (name) => c.req.query(name));
    const { key, range, currency } = scopeOf(c, clock, q);
    const products = (await store.topProducts(key, range, q.limit)).map((p) => ({
      item_id: p.item_id,
      item_name: p.item_name,
      revenue: money(p.revenue, currency),
      quantity: p.quantity,
      orders: p.orders,
    }));
    return c.json<Answer<typeof topProductsRoute>>({ products, days: range.days });
  });

  app.get(routePath(couponsRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(couponsRoute, (name) => c.req.query(name)),
    );
    const coupons = (await store.revenueByCoupon(key, range)).map((r) => ({
      coupon_code: r.coupon_code,
      revenue: money(r.revenue, currency),
      orders: r.orders,
      avg_discount: money(r.discount / r.orders, currency),
    }));
    return c.json<Answer<typeof couponsRoute>>({ coupons, days: range.days });
  });

  const breakdown = (
    route: typeof devicesRoute | typeof platformsRoute | typeof countriesRoute,
    list: string,
    column: BreakdownColumn,
    field: string,
  ) =>
    app.get(routePath(route), secret, readable, async (c) => {
      const { key, range, currency } = scopeOf(
        c,
        clock,
        queryOf(route, (name) => c.req.query(name)),
      );
      const rows = (await store.revenueBy(key, range, column)).map((r) => ({
        [field]: r.key,
        revenue: money(r.revenue, currency),
        orders: r.orders,
      }));
      return c.json({ [list]: rows, days: range.days });
    });
  breakdown(devicesRoute, "devices", "device_type", "device_type");
  breakdown(platformsRoute, "platforms", "platform", "platform");
  breakdown(countriesRoute, "countries", "country", "country");

  return app;
}
