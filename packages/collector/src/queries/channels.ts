import type { Campaign, Store } from "../store.js";
import { hasCampaign } from "../rules/campaign.js";
import type { DayRange } from "./range.js";
import { money, percent } from "./rounding.js";

const NONE: Campaign = { campaign: null, source: null, medium: null };
const keyOf = (c: Campaign) => JSON.stringify([c.campaign, c.source, c.medium]);

/**
 * Revenue by channel: a purchase's channel is its own campaign information when present, else
 * its session's UTM. conversion_rate = orders / sessions from that channel × 100. Only channels
 * with orders are listed; orders without campaign information form one all-null row.
 */
export async function revenueByChannel(store: Store, appspace: number, range: DayRange, currency: string) {
  const [sessions, purchases] = await Promise.all([
    store.sessionsIn(appspace, range.startMs, range.endMs),
    store.purchasesIn(appspace, range.startMs, range.endMs),
  ]);
  const sessionUtm = new Map(sessions.map((s) => [s.session, s.utm]));
  const sessionsPerChannel = new Map<string, number>();
  for (const s of sessions) {
    const key = keyOf(s.utm ?? NONE);
    sessionsPerChannel.set(key, (sessionsPerChannel.get(key) ?? 0) + 1);
  }
  const channels = new Map<string, Campaign & { revenue: number; orders: number }>();
  for (const p of purchases) {
    const channel = hasCampaign(p) ? { campaign: p.campaign, source: p.source, medium: p.medium } : (sessionUtm.get(p.session) ?? NONE);
    const key = keyOf(channel);
    const row = channels.get(key) ?? { ...channel, revenue: 0, orders: 0 };
    row.revenue += p.revenue;
    row.orders += 1;
    channels.set(key, row);
  }
  return [...channels.entries()]
    .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.orders - a.orders || ka.localeCompare(kb))
    .map(([key, c]) => ({
      campaign: c.campaign,
      source: c.source,
      medium: c.medium,
      revenue: money(c.revenue, currency),
      orders: c.orders,
      conversion_rate: percent(c.orders, sessionsPerChannel.get(key) ?? c.orders),
    }));
}
