/**
 * Session facts per UTC day, kept current at ingest: when the session's day starts and whose it
 * is (its first event's ids), the campaign information of its first event that has any, and
 * whether it viewed an item or added to cart. Channel, attribution and add-to-cart questions read
 * these rows, about a tenth of the events. Day-keyed, so any whole-day range is exact.
 */
export default `
CREATE TABLE session_days (
  appspace_seq INTEGER NOT NULL,
  session TEXT NOT NULL,              -- session_id, or 'e:<seq>' for an event without one
  day INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  anonymous_id TEXT,
  user_id TEXT,
  campaign_ts INTEGER,
  campaign TEXT,
  source TEXT,
  medium TEXT,
  viewed INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day, session)
) WITHOUT ROWID;
CREATE INDEX events_by_session ON events (appspace_seq, session_id, day) WHERE session_id IS NOT NULL;

INSERT INTO session_days (appspace_seq, session, day, first_ts, anonymous_id, user_id, viewed, added)
  SELECT appspace_seq, coalesce(session_id, 'e:' || seq), day, min(ts), anonymous_id, user_id,
         max(event_type = 'view_item'), max(event_type = 'add_to_cart')
  FROM events GROUP BY 1, 2, 3;
WITH c AS (
  SELECT appspace_seq, coalesce(session_id, 'e:' || seq) AS session, day, min(ts) AS ts, campaign, source, medium
  FROM events WHERE campaign IS NOT NULL OR source IS NOT NULL OR medium IS NOT NULL GROUP BY 1, 2, 3)
UPDATE session_days SET campaign_ts = c.ts, campaign = c.campaign, source = c.source, medium = c.medium
  FROM c WHERE c.appspace_seq = session_days.appspace_seq AND c.session = session_days.session AND c.day = session_days.day;
`;
