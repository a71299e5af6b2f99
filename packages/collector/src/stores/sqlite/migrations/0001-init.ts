/**
 * The first schema. Money columns are integers in minor units: `x` in the event's own
 * currency, `x_base` in the appspace's base currency at the rate kept in `rate`.
 * Times are epoch milliseconds; `day` is the UTC day number (ms / 86,400,000).
 */
export default `
CREATE TABLE appspaces (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  retention_days INTEGER NOT NULL DEFAULT 365,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  seq INTEGER PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  key_hash TEXT NOT NULL UNIQUE,
  key_hint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- The dedup ledger: every event id ever accepted. Erase keeps these bare ids, so a late
-- retry of an erased event cannot bring it back.
CREATE TABLE event_ids (
  appspace_seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, event_id)
) WITHOUT ROWID;

-- One row per order and per refund: a purchase (and a refund) counts once per transaction id
-- for the appspace's whole retention. event_seq is NULL once the order was erased.
CREATE TABLE orders (
  appspace_seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'refund')),
  transaction_id TEXT NOT NULL,
  event_seq INTEGER,
  PRIMARY KEY (appspace_seq, kind, transaction_id)
) WITHOUT ROWID;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  appspace_seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  day INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  seen_by INTEGER NOT NULL,            -- bit 1: a publishable key (client), bit 2: a secret key (server)
  transaction_id TEXT,
  user_id TEXT,
  anonymous_id TEXT,
  session_id TEXT,
  cart_id TEXT,
  email TEXT,
  currency TEXT NOT NULL,
  rate REAL NOT NULL,                  -- base units per unit of currency, when ingested
  revenue INTEGER,
  revenue_base INTEGER,
  subtotal INTEGER,
  subtotal_base INTEGER,
  discount INTEGER,
  discount_base INTEGER,
  shipping INTEGER,
  shipping_base INTEGER,
  tax INTEGER,
  tax_base INTEGER,
  coupon_code TEXT,
  customer_order_index INTEGER,
  campaign TEXT,                       -- the event's own campaign information:
  source TEXT,                         -- properties.campaign|source|medium, else context utm_*
  medium TEXT,
  page_url TEXT,
  page_path TEXT,
  page_title TEXT,
  referrer TEXT,
  utm_source TEXT,
  utm_medium TEXT,
  utm_campaign TEXT,
  utm_term TEXT,
  utm_content TEXT,
  device_type TEXT,
  platform TEXT,
  country TEXT,
  locale TEXT,
  user_agent TEXT,
  flagged INTEGER NOT NULL DEFAULT 0
);
-- Events of a type in a time range; carries the ids so the funnel reads no event rows.
CREATE INDEX events_by_type_time ON events (appspace_seq, event_type, ts, anonymous_id, user_id);
-- A visitor's purchases, for customer_order_index at ingest.
CREATE INDEX purchases_by_user ON events (appspace_seq, user_id, ts) WHERE event_type = 'purchase' AND user_id IS NOT NULL;
CREATE INDEX purchases_by_anonymous ON events (appspace_seq, anonymous_id, ts) WHERE event_type = 'purchase' AND anonymous_id IS NOT NULL;

CREATE TABLE event_items (
  event_seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  appspace_seq INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  item_name TEXT,
  item_category TEXT,
  item_brand TEXT,
  item_variant TEXT,
  item_list_name TEXT,
  item_list_id TEXT,
  item_image_url TEXT,
  currency TEXT NOT NULL,
  rate REAL NOT NULL,
  price INTEGER,
  price_base INTEGER,
  quantity REAL NOT NULL,
  coupon_code TEXT,
  discount INTEGER,
  discount_base INTEGER,
  line_total INTEGER,
  line_total_base INTEGER,
  line_net INTEGER,
  line_net_base INTEGER,
  PRIMARY KEY (event_seq, position)
) WITHOUT ROWID;

CREATE TABLE event_properties (
  event_seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (event_seq, key)
) WITHOUT ROWID;

-- An anonymous id seen together with a user id resolves to that user id everywhere.
CREATE TABLE identities (
  appspace_seq INTEGER NOT NULL,
  anonymous_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  PRIMARY KEY (appspace_seq, anonymous_id)
) WITHOUT ROWID;
CREATE INDEX identities_by_user ON identities (appspace_seq, user_id);

-- What browsers had to drop or expire before delivery, as their SDK reported it.
CREATE TABLE sdk_losses (
  appspace_seq INTEGER NOT NULL,
  day INTEGER NOT NULL,
  dropped INTEGER NOT NULL DEFAULT 0,
  expired INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
) WITHOUT ROWID;
`;
