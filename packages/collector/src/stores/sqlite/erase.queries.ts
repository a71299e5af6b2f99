import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { dirtyOf } from "./dirty.js";
import { beginRemoval, removeListedEvents } from "./remove-events.js";

/**
 * Removes a person: every event holding their user id, an anonymous id stitched to it, or an
 * email seen on those events, with the events' items and properties; and their identities.
 * The dedup ledgers keep bare ids, so a late retry cannot bring an erased event back. The read
 * model takes back what they added. Runs in one transaction.
 */
export function erasePerson(db: Db, appspace: number, userId: string): void {
  db.transaction(() => {
    const p = { appspace, user: userId };
    beginRemoval(db);
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
    const dirty = dirtyOf(db, appspace);
    dirty.visitors.add(userId);
    for (const { anonymous_id } of prepared<unknown[], { anonymous_id: string }>(db, "SELECT anonymous_id FROM identities WHERE appspace_seq = ? AND user_id = ?").all(appspace, userId)) {
      dirty.visitors.add(anonymous_id);
    }
    prepared(db, "DELETE FROM identities WHERE appspace_seq = @appspace AND user_id = @user").run(p);
    removeListedEvents(db, appspace);
  })();
}
