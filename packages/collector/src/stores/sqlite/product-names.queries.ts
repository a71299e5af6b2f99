import type { Db } from "./open.js";
import { prepared } from "./prepared.js";

/** Finds an item's latest name again from the stored events (after a merge or an erase changed them). */
export function rebuildProductName(db: Db, appspaceSeq: number, itemId: string): void {
  prepared(db, "DELETE FROM product_names WHERE appspace_seq = ? AND item_id = ?").run(appspaceSeq, itemId);
  prepared(
    db,
    `INSERT INTO product_names (appspace_seq, item_id, item_name, ts, event_seq)
     SELECT i.appspace_seq, i.item_id, i.item_name, e.ts, e.seq FROM event_items i JOIN events e ON e.seq = i.event_seq
     WHERE i.appspace_seq = ? AND i.item_id = ? AND i.item_name IS NOT NULL AND i.item_name <> ''
     ORDER BY e.ts DESC, e.seq DESC LIMIT 1`,
  ).run(appspaceSeq, itemId);
}
