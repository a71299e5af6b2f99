/**
 * Where the projector stands in the inbox, and inbox entries it could not apply. The inbox
 * itself lives in its own file (see `openDatabase`); the position lives here, committed in the
 * same transaction as what the projector applied, so a crash at any instant applies an entry
 * exactly once.
 */
export default `
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
