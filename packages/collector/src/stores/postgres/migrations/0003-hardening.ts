/**
 * Hardening against hostile input, as the SQLite store's migration 0010: the Hello Retail
 * route's own website id (existing appspaces keep website id = appspace id until it is rotated)
 * and its switch, and whether a webhook may reach a private address.
 */
export default `
ALTER TABLE appspaces ADD COLUMN website_id TEXT;
UPDATE appspaces SET website_id = id;
CREATE UNIQUE INDEX appspaces_by_website ON appspaces (website_id);
ALTER TABLE appspaces ADD COLUMN hello_retail INTEGER NOT NULL DEFAULT 1;
ALTER TABLE webhooks ADD COLUMN allow_private INTEGER NOT NULL DEFAULT 0;
`;
