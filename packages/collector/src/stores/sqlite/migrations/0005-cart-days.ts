/**
 * Cart facts per UTC day, kept current at ingest: per cart key (cart_id, else the session) what
 * was added and removed (Σ price × quantity, base minor units) and how many add_to_cart and
 * purchase events it had. Cart abandonment reads these instead of every cart event and item.
 */
export default `
CREATE TABLE cart_days (
  appspace_seq INTEGER NOT NULL,
  cart TEXT NOT NULL,
  day INTEGER NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0,
  adds INTEGER NOT NULL DEFAULT 0,
  purchases INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appspace_seq, day, cart)
) WITHOUT ROWID;

INSERT INTO cart_days (appspace_seq, cart, day, added, removed, adds, purchases)
  SELECT e.appspace_seq, coalesce(e.cart_id, e.session_id), e.day,
         sum(CASE WHEN e.event_type = 'add_to_cart' THEN v.value ELSE 0 END),
         sum(CASE WHEN e.event_type = 'remove_from_cart' THEN v.value ELSE 0 END),
         sum(e.event_type = 'add_to_cart'), sum(e.event_type = 'purchase')
  FROM events e
  JOIN (SELECT e2.seq, coalesce((SELECT sum(line_total_base) FROM event_items i WHERE i.event_seq = e2.seq), 0) AS value FROM events e2) v ON v.seq = e.seq
  WHERE e.event_type IN ('add_to_cart', 'remove_from_cart', 'purchase') AND coalesce(e.cart_id, e.session_id) IS NOT NULL
  GROUP BY 1, 2, 3;
`;
