import { hasCampaign } from "./campaign.js";
import type { Contribution } from "./contribution.js";
import { channelKey } from "./event-facts.js";

/** An event as a session's channel sees it. */
export interface SessionEvent {
  seq: number;
  ts: number;
  day: number;
  event_type: string;
  campaign: string | null;
  source: string | null;
  medium: string | null;
  revenue_base: number | null;
}

/** A session spanning days, kept for queries: per event [ts, seq, day, own channel key or null, purchase revenue or null]. */
export type SpanningEvent = [number, number, number, string | null, number | null];

const byTime = (a: { ts: number; seq: number }, b: { ts: number; seq: number }) => a.ts - b.ts || a.seq - b.seq;

/**
 * What a session adds to revenue-by-channel. Inside one UTC day its answer is the same for every
 * range that holds the day: one session under its UTM (the campaign of its first event that has
 * any), and each purchase under its own campaign, else the session's UTM. A session spanning days
 * is answered per range, so it is kept whole instead.
 */
export function sessionContribution(session: string, events: readonly SessionEvent[]): Contribution[] {
  if (events.length === 0) return [];
  const sorted = [...events].sort(byTime);
  const days = sorted.map((e) => e.day);
  const first = Math.min(...days);
  const last = Math.max(...days);
  if (first !== last) {
    const data: SpanningEvent[] = sorted.map((e) => [
      e.ts,
      e.seq,
      e.day,
      hasCampaign(e) ? channelKey(e) : null,
      e.event_type === "purchase" ? (e.revenue_base ?? 0) : null,
    ]);
    return [{ t: "spanning_sessions", k: [session], v: [first, last, JSON.stringify(data)] }];
  }
  const tagged = sorted.find(hasCampaign);
  const utm = channelKey(tagged);
  const out: Contribution[] = [{ t: "channel_days", k: [first, utm], v: [1, 0, 0] }];
  for (const e of sorted) {
    if (e.event_type !== "purchase") continue;
    out.push({ t: "channel_days", k: [first, hasCampaign(e) ? channelKey(e) : utm], v: [0, 1, e.revenue_base ?? 0] });
  }
  return out;
}

/** A spanning session over the days `first`..`last`: its channel, and its purchases' channels and revenue. */
export function spanningSessionIn(data: readonly SpanningEvent[], first: number, last: number) {
  const inRange = data.filter(([, , day]) => day >= first && day <= last);
  if (inRange.length === 0) return undefined;
  const utm = inRange.find(([, , , own]) => own !== null)?.[3] ?? channelKey(null);
  const purchases = inRange
    .filter(([, , , , revenue]) => revenue !== null)
    .map(([, , , own, revenue]) => ({ channel: own ?? utm, revenue: revenue! }));
  return { utm, purchases };
}
