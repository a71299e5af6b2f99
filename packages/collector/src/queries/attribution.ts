import type { Campaign, Store } from "../store.js";
import { DAY_MS } from "../ingest/stored-event.js";
import type { DayRange } from "./range.js";
import { money, percent } from "./rounding.js";

export const MODELS = ["last_click", "linear", "time_decay"] as const;
export type Model = (typeof MODELS)[number];
export const WINDOWS = [7, 14, 30, 60, 90] as const;

const HALF_LIFE_MS = 7 * DAY_MS;

/** How a purchase's revenue is shared among its touchpoints (oldest first): weights summing to 1. */
export function weights(model: Model, touchTimes: number[], purchaseTs: number): number[] {
  const n = touchTimes.length;
  if (model === "last_click") return touchTimes.map((_, i) => (i === n - 1 ? 1 : 0));
  if (model === "linear") return touchTimes.map(() => 1 / n);
  const raw = touchTimes.map((t) => 2 ** (-(purchaseTs - t) / HALF_LIFE_MS));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/**
 * Attribution: touchpoints are a visitor's sessions that carry campaign information, each at its
 * session's first event; a purchase in the range shares its revenue among its visitor's
 * touchpoints in the `window` days up to it, by `model`.
 */
export async function attribution(store: Store, appspace: number, range: DayRange, model: Model, windowDays: number, currency: string) {
  const windowMs = windowDays * DAY_MS;
  const touchpoints = new Map<string, Array<Campaign & { ts: number }>>();
  for (const s of await store.sessionsIn(appspace, range.startMs - windowMs, range.endMs)) {
    if (!s.utm || s.visitor === null) continue;
    const list = touchpoints.get(s.visitor) ?? [];
    list.push({ ...s.utm, ts: s.first_ts });
    touchpoints.set(s.visitor, list);
  }
  for (const list of touchpoints.values()) list.sort((a, b) => a.ts - b.ts);

  const channels = new Map<string, Campaign & { revenue: number; orders: number }>();
  const unattributed = { revenue: 0, orders: 0 };
  let total = 0;
  for (const p of await store.purchasesIn(appspace, range.startMs, range.endMs)) {
    total += p.revenue;
    const touches = (p.visitor === null ? [] : (touchpoints.get(p.visitor) ?? [])).filter((t) => t.ts <= p.ts && t.ts >= p.ts - windowMs);
    if (touches.length === 0) {
      unattributed.revenue += p.revenue;
      unattributed.orders += 1;
      continue;
    }
    const shares = weights(model, touches.map((t) => t.ts), p.ts);
    const credited = new Set<string>();
    touches.forEach((t, i) => {
      if (shares[i] === 0) return;
      const key = JSON.stringify([t.campaign, t.source, t.medium]);
      const row = channels.get(key) ?? { campaign: t.campaign, source: t.source, medium: t.medium, revenue: 0, orders: 0 };
      row.revenue += p.revenue * shares[i]!;
      if (!credited.has(key)) row.orders += 1;
      credited.add(key);
      channels.set(key, row);
    });
  }
  const attributed = [...channels.entries()]
    .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || b.orders - a.orders || ka.localeCompare(kb))
    .map(([, c]) => ({
      campaign: c.campaign,
      source: c.source,
      medium: c.medium,
      revenue: money(c.revenue, currency),
      orders: c.orders,
      pct_of_total: percent(c.revenue, total),
    }));
  return {
    attributed,
    unattributed: { revenue: money(unattributed.revenue, currency), orders: unattributed.orders },
    model,
    window_days: windowDays,
  };
}
