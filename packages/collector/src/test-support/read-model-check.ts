import { expect } from "vitest";
import { READ_TABLES } from "../rules/contribution.js";
import { NOW, type Harness } from "./harness.js";
import { model } from "./reference.js";
import type { Ev } from "./reference-events.js";

/** Every read table's rows (additive rows that sum to nothing left out, money compared at a millionth) and every rollup. */
async function snapshot(h: Harness) {
  const out: Record<string, string[]> = {};
  for (const [table, spec] of Object.entries(READ_TABLES)) {
    const rows = await h.rows<Record<string, unknown>>(`SELECT * FROM ${table}`);
    out[table] = rows
      .filter((r) => !spec.additive || spec.values.some((v) => Math.abs(Number(r[v])) > 1e-6))
      .map((r) =>
        JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v])),
      )
      .sort();
  }
  // The rollups too: what each entity adds, and each visitor's history kept beside it.
  out.rollups = (await h.rows<Record<string, unknown>>("SELECT * FROM rollups")).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** The read tables as the projector kept them equal the ones recomputed from the stored events. */
export async function expectSameAsRebuilt(h: Harness) {
  const kept = await snapshot(h);
  await h.rebuild();
  expect(kept).toEqual(await snapshot(h));
}

const DAY = 86_400_000;
const Q = "/v1/api/analytics/ecommerce";
const major = (minor: number) => Math.round(minor) / 100;
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/**
 * overview, funnel, cart-abandonment, revenue-by-channel and attribution answer as the reference
 * model computes them over `events`, for a few ranges; `options.query` is added to every request
 * (`exclude_flagged=true`), `options.all` are every stored event when `events` leaves some out.
 */
export async function expectAnswersLikeReference(
  h: Harness,
  events: Ev[],
  options: { all?: Ev[]; query?: string } = {},
) {
  const today = Math.floor(NOW / DAY) * DAY;
  const ranges: Array<[string, { start: number; end: number }]> = [
    ["days=30", { start: today - 29 * DAY, end: today + DAY }],
    ["days=365", { start: today - 364 * DAY, end: today + DAY }],
    ["start=2026-01-17&end=2026-02-14", { start: Date.parse("2026-01-17"), end: Date.parse("2026-02-15") }],
  ];
  const extra = options.query ? `&${options.query}` : "";
  const get = async (path: string) =>
    (
      await h.app.request(`${Q}/${path}${extra}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } })
    ).json() as Promise<any>;
  for (const [query, range] of ranges) {
    const x = model(events, range, NOW, options.all);
    const overview = await get(`overview?${query}`);
    expect(overview).toMatchObject({
      total_revenue: major(x.revenue),
      total_orders: x.orders,
      total_refunds: x.refunds,
      total_items_sold: x.itemsSold,
      cart_abandonment_rate: pct(x.abandoned, x.abandoned + x.completed),
      add_to_cart_rate: pct(x.adders, x.viewers),
    });
    expect((await get(`funnel?${query}`)).steps.map((s: { count: number }) => s.count)).toEqual(x.funnel);
    expect(await get(`cart-abandonment?${query}`)).toMatchObject({
      abandoned_carts: x.abandoned,
      completed_carts: x.completed,
      abandoned_revenue: major(x.abandonedValue),
    });
    const channels = (await get(`revenue-by-channel?${query}`)).channels;
    const expected = [...x.channels.entries()].filter(([, c]) => c.orders > 0);
    expect(channels).toHaveLength(expected.length);
    for (const [key, c] of expected) {
      const [campaign, source, medium] = JSON.parse(key);
      expect(channels).toContainEqual({
        campaign,
        source,
        medium,
        revenue: major(c.revenue),
        orders: c.orders,
        conversion_rate: pct(c.orders, c.sessions || c.orders),
      });
    }
    for (const m of ["last_click", "time_decay"]) {
      const a = x.attribution(m, 30);
      const body = await get(`attribution?${query}&model=${m}&window=30`);
      expect(body.unattributed).toEqual({ revenue: major(a.unattributed.revenue), orders: a.unattributed.orders });
      expect(body.attributed.map((r: { orders: number }) => r.orders).sort()).toEqual(
        [...a.credit.values()].map((c) => c.orders).sort(),
      );
    }
  }
}
