import { hasCampaign } from "./campaign.js";
import { channelKey } from "./event-facts.js";
import type { SessionEvent } from "./session-rollup.js";

/** An event as the rollups of its session and its visitor read it. */
export interface SessionRow extends SessionEvent {
  session_id: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  /** Whose event it is now (identity stitching applied). */
  visitor: string | null;
  /** Its own campaign as a channel key, or null. */
  channel: string | null;
  /** 1 when a fraud rule flagged it (it then counts only under the appspace's own read key). */
  flagged: number;
}

/** An event's own campaign as a channel key, or null. */
const ownChannel = (e: Parameters<typeof hasCampaign>[0] & Parameters<typeof channelKey>[0]) =>
  hasCampaign(e) ? channelKey(e) : null;

/** Rows as a store reads them, with their own campaign's channel key. */
export const withChannel = (rows: Iterable<Omit<SessionRow, "channel">>): SessionRow[] =>
  [...rows].map((r) => ({ ...r, channel: ownChannel(r) }));

/** A stored event as a session's and a visitor's rollups read it, `visitor` its owner now. */
export const sessionRowOf = (
  seq: number,
  e: Omit<SessionRow, "seq" | "visitor" | "channel">,
  visitor: string | null,
): SessionRow => ({
  seq,
  ts: e.ts,
  day: e.day,
  event_type: e.event_type,
  campaign: e.campaign,
  source: e.source,
  medium: e.medium,
  revenue_base: e.revenue_base,
  session_id: e.session_id,
  user_id: e.user_id,
  anonymous_id: e.anonymous_id,
  flagged: e.flagged,
  visitor,
  channel: ownChannel(e),
});
