import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { rebuildProductName } from "./product-names.queries.js";
import { loadEvent } from "./events.queries.js";
import { applyEventToReadModel } from "./read-model-event.js";
import { settleRollups } from "./rollups.js";

/** A temp table of the event seqs about to be removed; emptied for the caller to fill. */
export function beginRemoval(db: Db): void {
  prepared(db, "CREATE TEMP TABLE IF NOT EXISTS erase_seq (seq INTEGER PRIMARY KEY)").run();
  prepared(db, "DELETE FROM temp.erase_seq").run();
}

/**
 * Removes the events listed in `temp.erase_seq` with their items and properties, inside the
 * caller's transaction: the read model takes back what they added, and the dedup ledgers keep
 * bare ids (event_ids, orders with event_seq emptied), so a late retry cannot bring them back.
 * How many it removed.
 */
export function removeListedEvents(db: Db, appspace: number): number {
  const seqs = prepared<[], { seq: number }>(db, "SELECT seq FROM temp.erase_seq").all();
  for (const { seq } of seqs) applyEventToReadModel(db, loadEvent(db, seq)!, -1);
  const items = prepared<unknown[], { item_id: string }>(
    db,
    "SELECT DISTINCT item_id FROM event_items WHERE event_seq IN (SELECT seq FROM temp.erase_seq)",
  ).all();
  prepared(db, "UPDATE orders SET event_seq = NULL WHERE appspace_seq = ? AND event_seq IN (SELECT seq FROM temp.erase_seq)").run(appspace);
  prepared(db, "DELETE FROM event_items WHERE event_seq IN (SELECT seq FROM temp.erase_seq)").run();
  prepared(db, "DELETE FROM event_properties WHERE event_seq IN (SELECT seq FROM temp.erase_seq)").run();
  prepared(db, "DELETE FROM events WHERE seq IN (SELECT seq FROM temp.erase_seq)").run();
  for (const i of items) rebuildProductName(db, appspace, i.item_id);
  settleRollups(db);
  prepared(db, "DELETE FROM temp.erase_seq").run();
  return seqs.length;
}
