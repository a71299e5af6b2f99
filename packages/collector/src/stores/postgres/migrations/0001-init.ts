/**
 * The PostgreSQL schema: the same tables as the SQLite store's migrations leave, in one step.
 * Money is BIGINT in minor units (`x` in the event's currency, `x_base` in the appspace's base
 * currency at `rate`); times are epoch milliseconds; `day` is the UTC day number. The inbox is a
 * table here: an entry is removed in the transaction that applies it, so entries committed out of
 * sequence order are never skipped.
 */
export default `
CREATE TABLE appspaces (
  seq SERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  retention_days INTEGER NOT NULL DEFAULT 365,
  created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
  seq SERIAL PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  key_hash TEXT NOT NULL UNIQUE,
  key_hint TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE inbox (
  seq BIGSERIAL PRIMARY KEY,
  events INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE inbox_rejected (
  seq BIGINT PRIMARY KEY,
  reason TEXT NOT NULL,
  body TEXT,
  rejected_at BIGINT NOT NULL
);

-- The dedup ledger: every event id ever accepted; erase keeps the bare ids.
CREATE TABLE event_ids (
  appspace_seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, event_id)
);

-- One row per order and per refund; event_seq is NULL once the order was erased.
CREATE TABLE orders (
  appspace_seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'refund')),
  transaction_id TEXT NOT NULL,
  event_seq BIGINT,
  PRIMARY KEY (appspace_seq, kind, transaction_id)
);

CREATE TABLE events (
  seq BIGSERIAL PRIMARY KEY,
  appspace_seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  ts BIGINT NOT NULL,
  day INTEGER NOT NULL,
  received_at BIGINT NOT NULL,
  seen_by INTEGER NOT NULL,
  transaction_id TEXT,
  user_id TEXT,
  anonymous_id TEXT,
  session_id TEXT,
  cart_id TEXT,
  email TEXT,
  currency TEXT NOT NULL,
  rate DOUBLE PRECISION NOT NULL,
  revenue BIGINT,
  revenue_base BIGINT,
  subtotal BIGINT,
  subtotal_base BIGINT,
  discount BIGINT,
  discount_base BIGINT,
  shipping BIGINT,
  shipping_base BIGINT,
  tax BIGINT,
  tax_base BIGINT,
  coupon_code TEXT,
  customer_order_index INTEGER,
  campaign TEXT,
  source TEXT,
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
CREATE INDEX purchases_by_user ON events (appspace_seq, user_id, ts) WHERE event_type = 'purchase' AND user_id IS NOT NULL;
CREATE INDEX purchases_by_anonymous ON events (appspace_seq, anonymous_id, ts) WHERE event_type = 'purchase' AND anonymous_id IS NOT NULL;
CREATE INDEX events_by_user ON events (appspace_seq, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX events_by_anonymous ON events (appspace_seq, anonymous_id) WHERE anonymous_id IS NOT NULL;
CREATE INDEX events_by_email ON events (appspace_seq, email) WHERE email IS NOT NULL;
CREATE INDEX events_by_session ON events (appspace_seq, session_id, day) WHERE session_id IS NOT NULL;
CREATE INDEX events_by_cart ON events (appspace_seq, cart_id) WHERE cart_id IS NOT NULL;
CREATE INDEX events_by_time ON events (appspace_seq, ts) WHERE event_type = 'purchase';

CREATE TABLE event_items (
  event_seq BIGINT NOT NULL,
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
  rate DOUBLE PRECISION NOT NULL,
  price BIGINT,
  price_base BIGINT,
  quantity DOUBLE PRECISION NOT NULL,
  coupon_code TEXT,
  discount BIGINT,
  discount_base BIGINT,
  line_total BIGINT,
  line_total_base BIGINT,
  line_net BIGINT,
  line_net_base BIGINT,
  PRIMARY KEY (event_seq, position)
);
CREATE INDEX items_by_event ON event_items (appspace_seq, item_id);

CREATE TABLE event_properties (
  event_seq BIGINT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (event_seq, key)
);

CREATE TABLE identities (
  appspace_seq INTEGER NOT NULL,
  anonymous_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  PRIMARY KEY (appspace_seq, anonymous_id)
);
CREATE INDEX identities_by_user ON identities (appspace_seq, user_id);

CREATE TABLE sdk_losses (
  appspace_seq INTEGER NOT NULL,
  day INTEGER NOT NULL,
  dropped BIGINT NOT NULL DEFAULT 0,
  expired BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
);

CREATE TABLE cart_days (
  appspace_seq INTEGER NOT NULL,
  cart TEXT NOT NULL,
  day INTEGER NOT NULL,
  added BIGINT NOT NULL DEFAULT 0,
  removed BIGINT NOT NULL DEFAULT 0,
  adds BIGINT NOT NULL DEFAULT 0,
  purchases BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day, cart)
);
CREATE INDEX cart_days_by_cart ON cart_days (appspace_seq, cart, day);

CREATE TABLE product_names (
  appspace_seq INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  item_name TEXT NOT NULL,
  ts BIGINT NOT NULL,
  event_seq BIGINT NOT NULL,
  PRIMARY KEY (appspace_seq, item_id)
);

-- The read model (see the SQLite store's migration 0008 for what each table means).
CREATE TABLE fact_days (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL,
  orders BIGINT NOT NULL DEFAULT 0, revenue BIGINT NOT NULL DEFAULT 0,
  refunds BIGINT NOT NULL DEFAULT 0, refund_amount BIGINT NOT NULL DEFAULT 0, items_sold DOUBLE PRECISION NOT NULL DEFAULT 0,
  anon_orders BIGINT NOT NULL DEFAULT 0, anon_revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
);
CREATE TABLE breakdown_days (
  appspace_seq INTEGER NOT NULL, dim TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL,
  revenue BIGINT NOT NULL DEFAULT 0, orders BIGINT NOT NULL DEFAULT 0, discount BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, dim, day, key)
);
CREATE TABLE product_days (
  appspace_seq INTEGER NOT NULL, span INTEGER NOT NULL, day INTEGER NOT NULL, item_id TEXT NOT NULL,
  revenue BIGINT NOT NULL DEFAULT 0, quantity DOUBLE PRECISION NOT NULL DEFAULT 0, orders BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, span, day, item_id)
);
CREATE TABLE channel_days (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL,
  sessions BIGINT NOT NULL DEFAULT 0, orders BIGINT NOT NULL DEFAULT 0, revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day, channel)
);
CREATE TABLE cart_totals (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL,
  completed BIGINT NOT NULL DEFAULT 0, abandoned BIGINT NOT NULL DEFAULT 0, abandoned_value BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
);
CREATE TABLE visitor_days (
  appspace_seq INTEGER NOT NULL, kind TEXT NOT NULL, day INTEGER NOT NULL, prev INTEGER NOT NULL,
  visitors BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, kind, prev, day)
);
CREATE TABLE funnel_starts (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, prev INTEGER NOT NULL, step INTEGER NOT NULL, done_day INTEGER NOT NULL,
  visitors BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, prev, day, step, done_day)
);
CREATE TABLE credit_days (
  appspace_seq INTEGER NOT NULL, model TEXT NOT NULL, win INTEGER NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL,
  revenue DOUBLE PRECISION NOT NULL DEFAULT 0, orders BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, model, win, day, channel)
);
CREATE TABLE cohort_cells (
  appspace_seq INTEGER NOT NULL, cohort INTEGER NOT NULL, month INTEGER NOT NULL,
  users BIGINT NOT NULL DEFAULT 0, revenue BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, cohort, month)
);
CREATE TABLE spanning_sessions (
  appspace_seq INTEGER NOT NULL, session TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, session)
);
CREATE INDEX spanning_sessions_by_day ON spanning_sessions (appspace_seq, last_day, first_day);
CREATE TABLE spanning_carts (
  appspace_seq INTEGER NOT NULL, cart TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, cart)
);
CREATE INDEX spanning_carts_by_day ON spanning_carts (appspace_seq, last_day, first_day);
CREATE TABLE live_purchases (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, visitor TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, day, visitor)
);
CREATE TABLE live_visitors (
  appspace_seq INTEGER NOT NULL, visitor TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, visitor)
);
CREATE TABLE rollups (
  appspace_seq INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, kind, key)
);
`;
