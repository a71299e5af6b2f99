import type { Tx } from "./connect.js";

/** Records the names a stored event (row `seq`) carries, where they are the latest seen: one statement for all its items. */
export async function noteProductNames(
  tx: Tx,
  e: { appspace_seq: number; ts: number; items: ReadonlyArray<{ item_id: string; item_name: string | null }> },
  seq: number,
): Promise<void> {
  // One row per item id (the last line wins, as one statement per line would leave it).
  const names = new Map<string, string>();
  for (const item of e.items) if (item.item_name) names.set(item.item_id, item.item_name);
  if (names.size === 0) return;
  await tx`INSERT INTO product_names AS n (appspace_seq, item_id, item_name, ts, event_seq)
    SELECT ${e.appspace_seq}, item_id, item_name, ${e.ts}, ${seq}
    FROM unnest(${[...names.keys()]}::text[], ${[...names.values()]}::text[]) AS x(item_id, item_name)
    ON CONFLICT (appspace_seq, item_id) DO UPDATE SET item_name = excluded.item_name, ts = excluded.ts, event_seq = excluded.event_seq
    WHERE excluded.ts > n.ts OR (excluded.ts = n.ts AND excluded.event_seq >= n.event_seq)`;
}

/** Finds an item's latest name again from the stored events (after a merge or an erase changed them). */
export async function rebuildProductName(tx: Tx, appspaceSeq: number, itemId: string): Promise<void> {
  await tx`DELETE FROM product_names WHERE appspace_seq = ${appspaceSeq} AND item_id = ${itemId}`;
  await tx`INSERT INTO product_names (appspace_seq, item_id, item_name, ts, event_seq)
    SELECT i.appspace_seq, i.item_id, i.item_name, e.ts, e.seq FROM event_items i JOIN events e ON e.seq = i.event_seq
    WHERE i.appspace_seq = ${appspaceSeq} AND i.item_id = ${itemId} AND i.item_name IS NOT NULL AND i.item_name <> ''
    ORDER BY e.ts DESC, e.seq DESC LIMIT 1`;
}
