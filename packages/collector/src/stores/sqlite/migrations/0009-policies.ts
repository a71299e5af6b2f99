/**
 * Ingest policies and outbound events. Appspace settings live in the appspace row: `plan`
 * ('free' | 'pro'), `quota` (accepted events a UTC month, NULL = none), `max_order_value`
 * (base minor units, NULL = none), `currencies` (comma list, NULL = any) and `fraud` (JSON
 * of rule → severity overrides). A flagged event keeps the rules that fired in `fraud_rules`.
 *
 * The read model is kept twice from here on: under the appspace's seq (every event) and under
 * its negation (unflagged events only), so `exclude_flagged=true` reads its own exact rows. It is
 * rebuilt from the stored events (cart days included) when the database is next opened.
 */
export default `
ALTER TABLE appspaces ADD COLUMN plan TEXT NOT NULL DEFAULT 'pro';
ALTER TABLE appspaces ADD COLUMN quota INTEGER;
ALTER TABLE appspaces ADD COLUMN max_order_value INTEGER;
ALTER TABLE appspaces ADD COLUMN currencies TEXT;
ALTER TABLE appspaces ADD COLUMN fraud TEXT NOT NULL DEFAULT '{}';

ALTER TABLE events ADD COLUMN fraud_rules TEXT;
CREATE INDEX events_flagged ON events (appspace_seq, ts) WHERE flagged = 1;
-- Retention: the oldest events of an appspace first.
CREATE INDEX events_by_time ON events (appspace_seq, ts);

UPDATE read_model_state SET built = 0;

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  url TEXT NOT NULL,
  events TEXT NOT NULL,                -- comma list of subscribed types
  secret TEXT NOT NULL,                -- the signing secret, as printed (an HMAC key must be kept in clear)
  created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_appspace ON webhooks (appspace_seq);

-- The durable outbox: one row per (webhook, event), filled in the projector's transaction.
CREATE TABLE webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,                    -- the event's id receivers dedupe by (the same for every webhook)
  webhook_id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_at INTEGER NOT NULL,            -- when to try next; a claimed delivery is leased forward
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at INTEGER,
  gave_up_at INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- Carts watched for cart_abandoned (only in appspaces with such a webhook): contents and last activity.
CREATE TABLE watched_carts (
  appspace_seq INTEGER NOT NULL,
  cart TEXT NOT NULL,
  last_ts INTEGER NOT NULL,
  data TEXT NOT NULL,                  -- JSON: items by id, visitor ids
  purchased INTEGER NOT NULL DEFAULT 0,
  fired INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, cart)
) WITHOUT ROWID;
CREATE INDEX watched_carts_idle ON watched_carts (last_ts) WHERE purchased = 0 AND fired = 0;
`;
