import type { StoredEvent } from "../model/stored-event.js";
import { hasCampaign } from "./campaign.js";
import { jsonKey, type Contribution } from "./contribution.js";
import { blocksOf } from "./day-blocks.js";

/** A campaign triple as a channel key; no campaign is the all-null channel. */
export const channelKey = (
  e: { campaign: string | null; source: string | null; medium: string | null } | null | undefined,
) => jsonKey(e && hasCampaign(e) ? [e.campaign, e.source, e.medium] : [null, null, null]);

/**
 * What one stored event adds to the additive read tables by itself: order totals, breakdowns,
 * coupons and products of a purchase, refunds, and the one-event session of an event without a
 * session id (its own campaign is its channel). Taken back with sign -1 when a merge replaces
 * the event or an erase removes it.
 */
export function eventFacts(e: StoredEvent): Contribution[] {
  const out: Contribution[] = [];
  const revenue = e.revenue_base ?? 0;
  const purchase = e.event_type === "purchase";
  if (purchase) {
    const anonymous = e.user_id === null && e.anonymous_id === null;
    const items = e.items.reduce((n, i) => n + i.quantity, 0);
    out.push({ t: "fact_days", k: [e.day], v: [1, revenue, 0, 0, items, anonymous ? 1 : 0, anonymous ? revenue : 0] });
    out.push({ t: "breakdown_days", k: ["device_type", e.day, jsonKey(e.device_type)], v: [revenue, 1, 0] });
    out.push({ t: "breakdown_days", k: ["platform", e.day, jsonKey(e.platform)], v: [revenue, 1, 0] });
    out.push({ t: "breakdown_days", k: ["country", e.day, jsonKey(e.country)], v: [revenue, 1, 0] });
    if (e.coupon_code)
      out.push({
        t: "breakdown_days",
        k: ["coupon", e.day, jsonKey(e.coupon_code)],
        v: [revenue, 1, e.discount_base ?? 0],
      });
    const lines = new Map<string, { revenue: number; quantity: number }>();
    for (const i of e.items) {
      const line = lines.get(i.item_id) ?? { revenue: 0, quantity: 0 };
      line.revenue += i.line_total_base ?? 0;
      line.quantity += i.quantity;
      lines.set(i.item_id, line);
    }
    for (const [id, line] of lines) {
      for (const b of blocksOf(e.day))
        out.push({ t: "product_days", k: [b.span, b.day, id], v: [line.revenue, line.quantity, 1] });
    }
  }
  if (e.event_type === "refund") out.push({ t: "fact_days", k: [e.day], v: [0, 0, 1, revenue, 0, 0, 0] });
  if (e.session_id === null)
    out.push({ t: "channel_days", k: [e.day, channelKey(e)], v: [1, purchase ? 1 : 0, purchase ? revenue : 0] });
  return out;
}
