/**
 * The read model: tables whose rows are bounded by days × (channels, products, …), never by
 * events, kept current by the projector. Additive tables are sums of contributions: an event's
 * own facts (`rules/event-facts.ts`) and each session's, cart's and visitor's (`rollups`, the
 * contribution an entity adds now, so a change takes it back and adds the new one). Keys that
 * may be null are JSON text (`'null'`, `'"US"'`). A day is a UTC day number; `prev` is -1 when
 * there is none.
 */
export default `
CREATE TABLE fact_days (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0, revenue INTEGER NOT NULL DEFAULT 0,
  refunds INTEGER NOT NULL DEFAULT 0, refund_amount INTEGER NOT NULL DEFAULT 0, items_sold REAL NOT NULL DEFAULT 0,
  anon_orders INTEGER NOT NULL DEFAULT 0, anon_revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
) WITHOUT ROWID;

-- dim: device_type | platform | country | coupon
CREATE TABLE breakdown_days (
  appspace_seq INTEGER NOT NULL, dim TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL,
  revenue INTEGER NOT NULL DEFAULT 0, orders INTEGER NOT NULL DEFAULT 0, discount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, dim, day, key)
) WITHOUT ROWID;

-- span: 1, 8 or 64 days; day: the block's first day (a multiple of span).
CREATE TABLE product_days (
  appspace_seq INTEGER NOT NULL, span INTEGER NOT NULL, day INTEGER NOT NULL, item_id TEXT NOT NULL,
  revenue INTEGER NOT NULL DEFAULT 0, quantity REAL NOT NULL DEFAULT 0, orders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, span, day, item_id)
) WITHOUT ROWID;

-- Sessions that live inside one UTC day, under their UTM; their purchases under their channel.
CREATE TABLE channel_days (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL,
  sessions INTEGER NOT NULL DEFAULT 0, orders INTEGER NOT NULL DEFAULT 0, revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day, channel)
) WITHOUT ROWID;

-- Carts that live inside one UTC day.
CREATE TABLE cart_totals (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0, abandoned INTEGER NOT NULL DEFAULT 0, abandoned_value INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day)
) WITHOUT ROWID;

-- A visitor active (kind: view_item | add_to_cart) on day, whose previous such day was prev.
-- Keyed by prev first: a range [a, b] seeks each prev < a for its days in [a, b].
CREATE TABLE visitor_days (
  appspace_seq INTEGER NOT NULL, kind TEXT NOT NULL, day INTEGER NOT NULL, prev INTEGER NOT NULL,
  visitors INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, kind, prev, day)
) WITHOUT ROWID;

-- A visitor's funnel walk begun on day (previous funnel day prev) completes step on done_day.
CREATE TABLE funnel_starts (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, prev INTEGER NOT NULL, step INTEGER NOT NULL, done_day INTEGER NOT NULL,
  visitors INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, prev, day, step, done_day)
) WITHOUT ROWID;

-- Attribution credit of purchases by the day of the purchase; channel '' is unattributed.
CREATE TABLE credit_days (
  appspace_seq INTEGER NOT NULL, model TEXT NOT NULL, win INTEGER NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL,
  revenue REAL NOT NULL DEFAULT 0, orders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, model, win, day, channel)
) WITHOUT ROWID;

-- Cohort (month of a visitor's first purchase) × month: users (counted in the cohort's own month) and revenue.
CREATE TABLE cohort_cells (
  appspace_seq INTEGER NOT NULL, cohort INTEGER NOT NULL, month INTEGER NOT NULL,
  users INTEGER NOT NULL DEFAULT 0, revenue INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, cohort, month)
) WITHOUT ROWID;

-- Sessions and carts spanning UTC days: a query evaluates them over its own range from data.
CREATE TABLE spanning_sessions (
  appspace_seq INTEGER NOT NULL, session TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, session)
) WITHOUT ROWID;
CREATE INDEX spanning_sessions_by_day ON spanning_sessions (appspace_seq, last_day, first_day);
CREATE TABLE spanning_carts (
  appspace_seq INTEGER NOT NULL, cart TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, cart)
) WITHOUT ROWID;
CREATE INDEX spanning_carts_by_day ON spanning_carts (appspace_seq, last_day, first_day);

-- Purchase days of visitors with an event in a session spanning days: attribution evaluates them per query.
CREATE TABLE live_purchases (
  appspace_seq INTEGER NOT NULL, day INTEGER NOT NULL, visitor TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, day, visitor)
) WITHOUT ROWID;

-- Such a visitor whole: its purchases [ts, revenue] and its sessions with campaign information, per event [ts, seq, its own (1/0), channel].
CREATE TABLE live_visitors (
  appspace_seq INTEGER NOT NULL, visitor TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, visitor)
) WITHOUT ROWID;

-- What each entity (kind s: session, c: cart, v: visitor) adds to the tables above now.
CREATE TABLE rollups (
  appspace_seq INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, kind, key)
) WITHOUT ROWID;

-- Sessions are read whole from their events now (events_by_session); no query scans events by
-- type and time any more.
DROP TABLE session_days;
DROP INDEX events_by_type_time;
DROP INDEX purchases_cover;
DROP INDEX refunds_cover;

CREATE INDEX cart_days_by_cart ON cart_days (appspace_seq, cart, day);
CREATE INDEX events_by_cart ON events (appspace_seq, cart_id) WHERE cart_id IS NOT NULL;

-- Filled from the stored events when the database is opened.
CREATE TABLE read_model_state (id INTEGER PRIMARY KEY CHECK (id = 1), built INTEGER NOT NULL);
INSERT INTO read_model_state (id, built) VALUES (1, 0);
`;
