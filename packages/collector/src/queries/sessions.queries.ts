import type { Db } from "../db/open.js";
import { prepared } from "../db/prepared.js";
import { JOIN_IDENTITY, VISITOR } from "./visitor.js";

type Window = { appspace: number; start: number; end: number };
/** An event without a session id is a one-event session of its own. */
const SESSION = "coalesce(e.session_id, 'e:' || e.seq)";
const HAS_CAMPAIGN = "(e.campaign IS NOT NULL OR e.source IS NOT NULL OR e.medium IS NOT NULL)";
const E_IN_WINDOW = "e.appspace_seq = @appspace AND e.ts >= @start AND e.ts < @end";

export interface Campaign {
  campaign: string | null;
  source: string | null;
  medium: string | null;
}

/**
 * Every session with events in the window: when it starts, whose it is (the visitor of its
 * first event), and its UTM — the campaign information of its first event that has any.
 * (SQLite takes the bare columns of a min() aggregate from the row holding the minimum.)
 */
export function sessionsIn(db: Db, appspace: number, start: number, end: number) {
  const firsts = prepared<[Window], { session: string; first_ts: number; visitor: string | null }>(
    db,
    `SELECT ${SESSION} AS session, min(e.ts) AS first_ts, ${VISITOR} AS visitor
     FROM events e ${JOIN_IDENTITY} WHERE ${E_IN_WINDOW} GROUP BY session`,
  ).all({ appspace, start, end });
  const campaigns = prepared<[Window], Campaign & { session: string; ts: number }>(
    db,
    `SELECT ${SESSION} AS session, min(e.ts) AS ts, e.campaign, e.source, e.medium
     FROM events e WHERE ${E_IN_WINDOW} AND ${HAS_CAMPAIGN} GROUP BY session`,
  ).all({ appspace, start, end });
  const utm = new Map(campaigns.map((c) => [c.session, { campaign: c.campaign, source: c.source, medium: c.medium }]));
  return firsts.map((s) => ({ ...s, utm: utm.get(s.session) }));
}

/** Purchases in the window with their visitor, session and own campaign information. */
export function purchasesIn(db: Db, appspace: number, start: number, end: number) {
  return prepared<[Window], Campaign & { seq: number; ts: number; visitor: string | null; session: string; revenue: number }>(
    db,
    `SELECT e.seq, e.ts, ${VISITOR} AS visitor, ${SESSION} AS session, e.campaign, e.source, e.medium,
            e.revenue_base AS revenue
     FROM events e ${JOIN_IDENTITY} WHERE ${E_IN_WINDOW} AND e.event_type = 'purchase' ORDER BY e.ts, e.seq`,
  ).all({ appspace, start, end });
}
