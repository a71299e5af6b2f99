import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { DAY_MS } from "../../ingest/stored-event.js";
import type { Campaign, PurchaseFact, SessionSummary } from "../../store.js";
import { sessionKey } from "../../rules/session-key.js";
import { JOIN_IDENTITY, SD_JOIN_IDENTITY, SD_VISITOR, VISITOR } from "./visitor.js";

type Window = { appspace: number; start: number; end: number };
const E_IN_WINDOW = "e.appspace_seq = @appspace AND e.ts >= @start AND e.ts < @end";


/**
 * Every session with events in the window (whole UTC days), from the session facts kept at
 * ingest: when it starts, whose it is (the visitor of its first event), and its UTM — the
 * campaign information of its first event that has any.
 * (SQLite takes the bare columns of a min() aggregate from the row holding the minimum.)
 */
export function sessionsIn(db: Db, appspace: number, start: number, end: number): SessionSummary[] {
  const days = { appspace, first: Math.floor(start / DAY_MS), last: Math.ceil(end / DAY_MS) - 1 };
  const firsts = prepared<[typeof days], { session: string; first_ts: number; visitor: string | null }>(
    db,
    `SELECT sd.session, min(sd.first_ts) AS first_ts, ${SD_VISITOR} AS visitor
     FROM session_days sd ${SD_JOIN_IDENTITY}
     WHERE sd.appspace_seq = @appspace AND sd.day BETWEEN @first AND @last GROUP BY sd.session`,
  ).all(days);
  const campaigns = prepared<[typeof days], Campaign & { session: string; ts: number }>(
    db,
    `SELECT session, min(campaign_ts) AS ts, campaign, source, medium FROM session_days
     WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last AND campaign_ts IS NOT NULL GROUP BY session`,
  ).all(days);
  const utm = new Map(campaigns.map((c) => [c.session, { campaign: c.campaign, source: c.source, medium: c.medium }]));
  return firsts.map((s) => ({ ...s, utm: utm.get(s.session) }));
}

/**
 * Purchases in the window with their visitor, session and own campaign information, read from
 * the covering index alone (the planner would otherwise pick the type/time index and fetch rows).
 */
export function purchasesIn(db: Db, appspace: number, start: number, end: number): PurchaseFact[] {
  const rows = prepared<[Window], Omit<PurchaseFact, "session"> & { session_id: string | null }>(
    db,
    `SELECT e.seq, e.ts, ${VISITOR} AS visitor, e.session_id, e.campaign, e.source, e.medium,
            e.revenue_base AS revenue
     FROM events e INDEXED BY purchases_cover ${JOIN_IDENTITY}
     WHERE ${E_IN_WINDOW} AND e.event_type = 'purchase' ORDER BY e.ts, e.seq`,
  ).all({ appspace, start, end });
  return rows.map(({ session_id, ...p }) => ({ ...p, session: sessionKey({ session_id, seq: p.seq }) }));
}
