/** Platform sources and where each event came from, as the SQLite store's migration 0010. */
export default `
ALTER TABLE events ADD COLUMN server_door TEXT;
ALTER TABLE events ADD COLUMN client_door TEXT;

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  appspace_seq INTEGER NOT NULL REFERENCES appspaces(seq),
  kind TEXT NOT NULL,
  secret TEXT NOT NULL,
  pixel_key TEXT,
  created_at BIGINT NOT NULL,
  removed_at BIGINT
);
CREATE INDEX sources_by_appspace ON sources (appspace_seq);

CREATE TABLE source_state (
  source_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (source_id, key)
);

CREATE TABLE source_rejected (
  seq BIGSERIAL PRIMARY KEY,
  source_id TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX source_rejected_by_source ON source_rejected (source_id, seq);
`;
