/**
 * The durable inbox a request is acknowledged from, and the projector's position in it. A
 * request appends one entry (its accepted events, enriched, as JSON); the projector applies
 * entries in order and records the last one applied in the same transaction. AUTOINCREMENT:
 * entries are deleted once projected, and a sequence number must never be handed out twice.
 */
export default `
CREATE TABLE inbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  v INTEGER NOT NULL,
  events INTEGER NOT NULL,
  body TEXT NOT NULL
);

CREATE TABLE inbox_rejected (
  seq INTEGER PRIMARY KEY,
  reason TEXT NOT NULL,
  body TEXT,
  rejected_at INTEGER NOT NULL
);

CREATE TABLE projector_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
INSERT INTO projector_state (id, position) VALUES (1, 0);
`;
