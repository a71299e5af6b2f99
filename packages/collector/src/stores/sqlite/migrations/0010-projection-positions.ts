/**
 * Projection progress per appspace: each appspace's entries are applied in their inbox order,
 * and its position (the last of its entries applied) is committed with what was applied.
 * `projector_state.position` stays as the floor every appspace has passed (the single position
 * of databases written before).
 */
export default `
CREATE TABLE projection_positions (
  appspace_seq INTEGER PRIMARY KEY,
  position INTEGER NOT NULL
);
ALTER TABLE inbox_rejected ADD COLUMN appspace_seq INTEGER;
`;
