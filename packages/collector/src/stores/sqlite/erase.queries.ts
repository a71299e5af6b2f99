import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { cartEffect, type CartFact } from "../../rules/cart.js";
import { rebuildProductName } from "./product-names.queries.js";
import { loadEvent } from "./events.queries.js";
import { eventFacts } from "../../rules/event-facts.js";
import { applyContributions } from "./read-tables.queries.js";
import { dirtyOf, markEvent } from "./dirty.js";
import { settleRollups } from "./rollups.js";

/**
 * Removes a person: every event holding their user id, an anonymous id stitched to it, or an
 * email seen on those events, with the events' items and properties; and their identities.
 * The dedup ledgers keep bare ids (event_ids, orders with event_seq emptied), so a late retry
 * cannot bring an erased event back. The read model takes back what they added. Runs in one transaction.
 */
export function erasePerson(db: Db, appspace: number, userId: string): void {
  db.transaction(() => {
    const p = { appspace, user: userId };
    prepared(db, "CREATE TEMP TABLE IF NOT EXISTS erase_seq (seq INTEGER PRIMARY KEY)").run();
    prepared(db, "DELETE FROM temp.erase_seq").run();
    prepared(
      db,
      `INSERT OR IGNORE INTO temp.erase_seq (seq)
         SELECT seq FROM events WHERE appspace_seq = @appspace AND user_id = @user
         UNION SELECT e.seq FROM identities i CROSS JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
               WHERE i.appspace_seq = @appspace AND i.user_id = @user`,
    ).run(p);
    prepared(
      db,
      `INSERT OR IGNORE INTO temp.erase_seq (seq)
         SELECT seq FROM events WHERE appspace_seq = @appspace AND email IN
           (SELECT email FROM events WHERE seq IN (SELECT seq FROM temp.erase_seq) AND email IS NOT NULL)`,
    ).run(p);
    const touched = prepared<unknown[], { session_id: string | null; seq: number; day: number }>(
      db,
      "SELECT session_id, seq, day FROM events WHERE seq IN (SELECT seq FROM temp.erase_seq)",
    ).all();
    const carts = prepared<unknown[], CartFact & { day: number; value: number }>(
      db,
      `SELECT event_type, cart_id, session_id, day,
              coalesce((SELECT sum(line_total_base) FROM event_items i WHERE i.event_seq = e.seq), 0) AS value
       FROM events e WHERE seq IN (SELECT seq FROM temp.erase_seq)`,
    ).all();
    for (const c of carts) applyToCartDay(db, appspace, c.day, cartEffect(c, c.value, -1));
    for (const { seq } of touched) {
      const event = loadEvent(db, seq)!;
      applyContributions(db, appspace, eventFacts(event), -1);
      markEvent(db, event);
    }
    const dirty = dirtyOf(db, appspace);
    dirty.visitors.add(userId);
    for (const { anonymous_id } of prepared<unknown[], { anonymous_id: string }>(db, "SELECT anonymous_id FROM identities WHERE appspace_seq = ? AND user_id = ?").all(appspace, userId)) {
      dirty.visitors.add(anonymous_id);
    }
    const items = prepared<unknown[], { item_id: string }>(
      db,
      "SELECT DISTINCT item_id FROM event_items WHERE event_seq IN (SELECT seq FROM temp.erase_seq)",
    ).all();
    prepared(db, "UPDATE orders SET event_seq = NULL WHERE appspace_seq = ? AND event_seq IN (SELECT seq FROM temp.erase_seq)").run(appspace);
    prepared(db, "DELETE FROM event_items WHERE event_seq IN (SELECT seq FROM temp.erase_seq)").run();
    prepared(db, "DELETE FROM event_properties WHERE event_seq IN (SELECT seq FROM temp.erase_seq)").run();
    prepared(db, "DELETE FROM events WHERE seq IN (SELECT seq FROM temp.erase_seq)").run();
    prepared(db, "DELETE FROM identities WHERE appspace_seq = @appspace AND user_id = @user").run(p);
    for (const i of items) rebuildProductName(db, appspace, i.item_id);
    settleRollups(db);
    prepared(db, "DELETE FROM temp.erase_seq").run();
  })();
}
