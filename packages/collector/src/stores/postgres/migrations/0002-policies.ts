/**
 * Ingest policies and outbound events, as the SQLite store's migration 0009: appspace settings
 * in the appspace row, the rules a flagged event fired, the quota's monthly counts (here beside
 * the inbox, written in the same commit as the entries they count), webhooks, their durable
 * outbox and the carts watched for `cart_abandoned`. The read model is kept under the appspace's
 * seq and its negation (unflagged events only) from here on; a database that had events before
 * is rebuilt by `migrate` (tally-collector migrate copies read tables as they are).
 */
export default `
ALTER TABLE appspaces ADD COLUMN plan TEXT NOT NULL DEFAULT 'pro';
ALTER TABLE appspaces ADD COLUMN quota BIGINT;
ALTER TABLE appspaces ADD COLUMN max_order_value BIGINT;
ALTER TABLE appspaces ADD COLUMN currencies TEXT;
ALTER TABLE appspaces ADD COLUMN fraud TEXT NOT NULL DEFAULT '{}';

ALTER TABLE events ADD COLUMN fraud_rules TEXT;
CREATE INDEX events_flagged ON events (appspace_seq, ts) WHERE flagged = 1;
CREATE INDEX events_by_ts ON events (appspace_seq, ts);

CREATE TABLE quota_usage (
  appspace_seq INTEGER NOT NULL,
  month INTEGER NOT NULL,
  events BIGINT NOT NULL,
  PRIMARY KEY (appspace_seq, month)
);

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_by_appspace ON webhooks (appspace_seq);

CREATE TABLE webhook_deliveries (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  next_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at BIGINT,
  gave_up_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

CREATE TABLE watched_carts (
  appspace_seq INTEGER NOT NULL,
  cart TEXT NOT NULL,
  last_ts BIGINT NOT NULL,
  data TEXT NOT NULL,
  purchased INTEGER NOT NULL DEFAULT 0,
  fired INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, cart)
);
CREATE INDEX watched_carts_idle ON watched_carts (last_ts) WHERE purchased = 0 AND fired = 0;
`;
