/**
 * The latest non-empty name seen for each item id, kept at ingest, so top-products names its
 * rows without searching every event that carried the item.
 */
export default `
CREATE TABLE product_names (
  appspace_seq INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  item_name TEXT NOT NULL,
  ts INTEGER NOT NULL,
  event_seq INTEGER NOT NULL,
  PRIMARY KEY (appspace_seq, item_id)
) WITHOUT ROWID;

INSERT INTO product_names (appspace_seq, item_id, item_name, ts, event_seq)
  SELECT appspace_seq, item_id, item_name, ts, seq FROM (
    SELECT i.appspace_seq, i.item_id, i.item_name, e.ts, e.seq,
           row_number() OVER (PARTITION BY i.appspace_seq, i.item_id ORDER BY e.ts DESC, e.seq DESC) AS n
    FROM event_items i JOIN events e ON e.seq = i.event_seq WHERE i.item_name IS NOT NULL AND i.item_name <> '')
  WHERE n = 1;
`;
