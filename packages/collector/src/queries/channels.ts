import type { Store } from "../store.js";
import { spanningSessionIn } from "../rules/session-rollup.js";
import type { DayRange } from "./range.js";
import { money, percent } from "./rounding.js";

/**
 * Revenue by channel: a purchase's channel is its own campaign information when present, else
 * its session's UTM. conversion_rate = orders / sessions from that channel × 100. Only channels
 * with orders are listed; orders without campaign information form one all-null row. Sessions
 * inside one day come summed; a session spanning days is judged on its events in the range.
 */
export async function revenueByChannel(store: Store, appspace: number, range: DayRange, currency: string) {
  const facts = await store.channelFacts(appspace, range);
  const channels = new Map<string, { sessions: number; orders: number; revenue: number }>();
  const row = (key: string) => {
    let r = channels.get(key);
    if (!r) channels.set(key, (r = { sessions: 0, orders: 0, revenue: 0 }));
    return r;
  };
  for (const r of facts.rows) {
    const c = row(r.channel);
    (c.sessions += r.sessions), (c.orders += r.orders), (c.revenue += r.revenue);
  }
  for (const data of facts.spanning) {
    const session = spanningSessionIn(data, range.startDay, range.endDay);
    if (!session) continue;
    row(session.utm).sessions += 1;
    for (const p of session.purchases) {
      const c = row(p.channel);
      (c.orders += 1), (c.revenue += p.revenue);
    }
  }
  return [...channels.entries()]
    .filter(([, c]) => c.orders > 0)
    .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.orders - a.orders || ka.localeCompare(kb))
    .map(([key, c]) => {
      const [campaign, source, medium] = JSON.parse(key) as Array<string | null>;
      return {
        campaign,
        source,
        medium,
        revenue: money(c.revenue, currency),
        orders: c.orders,
        conversion_rate: percent(c.orders, c.sessions || c.orders),
      };
    });
}
