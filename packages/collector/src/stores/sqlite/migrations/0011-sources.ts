/**
 * Platform sources (Shopify, WooCommerce, Stripe webhooks): the sources, what a source remembers
 * between deliveries, and verified deliveries that did not map, kept with their reason. Events
 * record where they came from: a server-side one its source (secret_key, shopify, woocommerce,
 * stripe, import), a browser's its door (script_tag, pixel, segment_browser); a merged order
 * keeps both. Rows written before are NULL (the coverage report counts them as secret key and
 * script tag).
 */
export default `
ALTER TABLE events ADD COLUMN server_door TEXT;
ALTER TABLE events ADD COLUMN client_door TEXT;

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  kind TEXT NOT NULL,
  secret TEXT NOT NULL,                -- the platform's signing secret (an HMAC key must be kept in clear)
  pixel_key TEXT,                      -- Shopify: the publishable key its custom pixel sends with (public by nature)
  created_at INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE INDEX sources_by_appspace ON sources (appspace_seq);

CREATE TABLE source_state (
  source_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (source_id, key)
);

CREATE TABLE source_rejected (
  seq INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX source_rejected_by_source ON source_rejected (source_id, seq);
`;
