/**
 * Hardening against hostile input, as the SQLite store's migration 0010: the Hello Retail
 * route's own website id (existing appspaces keep website id = appspace id until it is rotated)
 * and its switch, whether a webhook may reach a private address, and the events a fraud rule at
 * block drops, counted at ingest (SQLite keeps that count beside its inbox).
 */
export default `
ALTER TABLE appspaces ADD COLUMN website_id TEXT;
UPDATE appspaces SET website_id = id;
CREATE UNIQUE INDEX appspaces_by_website ON appspaces (website_id);
ALTER TABLE appspaces ADD COLUMN hello_retail INTEGER NOT NULL DEFAULT 1;
ALTER TABLE webhooks ADD COLUMN allow_private INTEGER NOT NULL DEFAULT 0;
CREATE TABLE fraud_drops (
  appspace_seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  month INTEGER NOT NULL,
  events BIGINT NOT NULL,
  PRIMARY KEY (appspace_seq, rule, month)
);
`;
