/**
 * Each visitor's history is kept beside its rollup (`rules/visitor-history.ts`), and a
 * projection step trusts a missing one to mean a visitor without events: the read model is
 * rebuilt once from the stored events (at the next start, `projection/rebuild.ts`), which writes
 * every visitor's.
 *
 * Rollups become an ordinary (rowid) table: a buyer's rollup and history run to kilobytes, which
 * a WITHOUT ROWID row keeps in overflow pages past ~1 KB, rewritten whole on every change. The
 * rebuild fills the table again.
 */
export default `
DROP TABLE rollups;
CREATE TABLE rollups (
  appspace_seq INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (appspace_seq, kind, key)
);
UPDATE read_model_state SET built = 0;
`;
