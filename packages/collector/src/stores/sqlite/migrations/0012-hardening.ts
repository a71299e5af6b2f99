/**
 * Hardening against hostile input: the Hello Retail route gets a website id of its own, separate
 * from the appspace id (existing appspaces keep website id = appspace id until it is rotated)
 * and a switch (`hello_retail`, on by default); a webhook records whether it may reach a private
 * address (`allow_private`, off: loopback, link-local and private addresses are refused).
 */
export default `
ALTER TABLE appspaces ADD COLUMN website_id TEXT;
UPDATE appspaces SET website_id = id;
CREATE UNIQUE INDEX appspaces_by_website ON appspaces (website_id);
ALTER TABLE appspaces ADD COLUMN hello_retail INTEGER NOT NULL DEFAULT 1;
ALTER TABLE webhooks ADD COLUMN allow_private INTEGER NOT NULL DEFAULT 0;
`;
