/**
 * Inbox entries carry their appspace: projection progress, read-after-acknowledge and
 * back-pressure are kept per appspace, and collectors project different appspaces' partitions at
 * once. Entries written before are given theirs from their facts (`"f":{"appspace":{"seq":N`).
 */
export default `
ALTER TABLE inbox ADD COLUMN appspace_seq INTEGER NOT NULL DEFAULT 0;
UPDATE inbox SET appspace_seq = coalesce(substring(body from '^\\{"v":[0-9]+,"f":\\{"appspace":\\{"seq":([0-9]+)')::int, 0);
CREATE INDEX inbox_by_appspace ON inbox (appspace_seq, seq);
ALTER TABLE inbox_rejected ADD COLUMN appspace_seq INTEGER;
`;
