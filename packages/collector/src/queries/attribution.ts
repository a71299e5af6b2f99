import type { Store } from "../store.js";
import { DAY_MS } from "../model/time.js";
import { creditOf, touchesOf, type Model } from "../rules/attribution.js";
import type { DayRange } from "./range.js";
import { money, percent } from "./rounding.js";

export { MODELS, WINDOWS, weights, type Model } from "../rules/attribution.js";

// Credit sums are floating point: compare them at a millionth of a minor unit, so equal shares
// summed in another order still tie.
const steady = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Attribution: touchpoints are a visitor's sessions that carry campaign information, each at its
 * session's first event; a purchase in the range shares its revenue among its visitor's
 * touchpoints in the `window` days up to it, by `model`. Credit is kept per purchase; visitors
 * with a session spanning days are evaluated here, their sessions seen over the range and window.
 */
export async function attribution(
  store: Store,
  appspace: number,
  range: DayRange,
  model: Model,
  windowDays: number,
  currency: string,
) {
  const windowMs = windowDays * DAY_MS;
  const [facts, totals] = await Promise.all([
    store.attributionFacts(appspace, range, model, windowDays),
    store.orderTotals(appspace, range),
  ]);
  const channels = new Map<string, { revenue: number; orders: number }>();
  const unattributed = { revenue: totals.anonymous_revenue, orders: totals.anonymous_orders };
  const add = (channel: string, revenue: number, orders: number) => {
    if (channel === "") return void ((unattributed.revenue += revenue), (unattributed.orders += orders));
    const row = channels.get(channel) ?? { revenue: 0, orders: 0 };
    (row.revenue += revenue), (row.orders += orders);
    channels.set(channel, row);
  };
  for (const r of facts.rows) add(r.channel, r.revenue, r.orders);
  for (const v of facts.live) {
    const sessions = v.sessions.map((s) =>
      s.map(([ts, seq, own, channel]) => ({ ts, seq, visitor: own ? "" : null, channel })),
    );
    const touches = touchesOf("", sessions, range.startMs - windowMs, range.endMs);
    for (const [ts, revenue] of v.purchases) {
      if (ts < range.startMs || ts >= range.endMs) continue;
      const purchase = { ts, revenue };
      const credit = creditOf(purchase, touches, model, windowDays);
      if (!credit) add("", purchase.revenue, 1);
      else for (const [channel, revenue] of credit) add(channel, revenue, 1);
    }
  }
  const attributed = [...channels.entries()]
    .filter(([, c]) => c.orders > 0)
    .sort(([ka, a], [kb, b]) => steady(b.revenue) - steady(a.revenue) || b.orders - a.orders || ka.localeCompare(kb))
    .map(([key, c]) => {
      const [campaign, source, medium] = JSON.parse(key) as Array<string | null>;
      return {
        campaign,
        source,
        medium,
        revenue: money(c.revenue, currency),
        orders: c.orders,
        pct_of_total: percent(c.revenue, totals.revenue),
      };
    });
  return {
    attributed,
    unattributed: { revenue: money(unattributed.revenue, currency), orders: unattributed.orders },
    model,
    window_days: windowDays,
  };
}
