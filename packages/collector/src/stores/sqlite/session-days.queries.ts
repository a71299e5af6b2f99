import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { hasCampaign } from "../../rules/campaign.js";
import { sessionKey } from "../../rules/session-key.js";

/** What one event adds to its session's day. */
export interface SessionFact {
  appspace_seq: number;
  session_id: string | null;
  day: number;
  ts: number;
  anonymous_id: string | null;
  user_id: string | null;
  campaign: string | null;
  source: string | null;
  medium: string | null;
  event_type: string;
}


// SET expressions all see the row as it was, so their order does not matter. Ties keep the
// event that arrived first.
const UPSERT = `
INSERT INTO session_days (appspace_seq, session, day, first_ts, anonymous_id, user_id, campaign_ts, campaign, source, medium, viewed, added)
VALUES (@appspace_seq, @session, @day, @ts, @anonymous_id, @user_id, @campaign_ts, @campaign, @source, @medium, @viewed, @added)
ON CONFLICT (appspace_seq, day, session) DO UPDATE SET
  first_ts = min(first_ts, excluded.first_ts),
  anonymous_id = CASE WHEN excluded.first_ts < first_ts THEN excluded.anonymous_id ELSE anonymous_id END,
  user_id = CASE WHEN excluded.first_ts < first_ts THEN excluded.user_id ELSE user_id END,
  campaign_ts = CASE WHEN excluded.campaign_ts < coalesce(campaign_ts, 9e15) THEN excluded.campaign_ts ELSE campaign_ts END,
  campaign = CASE WHEN excluded.campaign_ts < coalesce(campaign_ts, 9e15) THEN excluded.campaign ELSE campaign END,
  source = CASE WHEN excluded.campaign_ts < coalesce(campaign_ts, 9e15) THEN excluded.source ELSE source END,
  medium = CASE WHEN excluded.campaign_ts < coalesce(campaign_ts, 9e15) THEN excluded.medium ELSE medium END,
  viewed = max(viewed, excluded.viewed),
  added = max(added, excluded.added)`;

/** Folds one stored event (row `seq`) into its session's day. */
export function addToSessionDay(db: Db, e: SessionFact, seq: number): void {
  const campaign = hasCampaign(e);
  prepared(db, UPSERT).run({
    appspace_seq: e.appspace_seq,
    session: sessionKey({ session_id: e.session_id, seq }),
    day: e.day,
    ts: e.ts,
    anonymous_id: e.anonymous_id,
    user_id: e.user_id,
    campaign_ts: campaign ? e.ts : null,
    campaign: e.campaign,
    source: e.source,
    medium: e.medium,
    viewed: e.event_type === "view_item" ? 1 : 0,
    added: e.event_type === "add_to_cart" ? 1 : 0,
  });
}

/** Rebuilds a session's day from the events (after a merge changed one, or an erase removed some). */
export function rebuildSessionDay(db: Db, appspaceSeq: number, session: string, day: number): void {
  prepared(db, "DELETE FROM session_days WHERE appspace_seq = ? AND day = ? AND session = ?").run(appspaceSeq, day, session);
  const columns = "appspace_seq, seq, session_id, day, ts, anonymous_id, user_id, campaign, source, medium, event_type";
  type Row = SessionFact & { seq: number };
  const events = session.startsWith("e:")
    ? prepared<unknown[], Row>(db, `SELECT ${columns} FROM events WHERE seq = ? AND appspace_seq = ? AND session_id IS NULL`).all(Number(session.slice(2)), appspaceSeq)
    : prepared<unknown[], Row>(db, `SELECT ${columns} FROM events WHERE appspace_seq = ? AND session_id = ? AND day = ? ORDER BY seq`).all(appspaceSeq, session, day);
  for (const e of events) addToSessionDay(db, e, e.seq);
}
