import type { Sql } from "./connect.js";
import { lockPartition } from "./inbox.queries.js";
import { Projection } from "./projection.js";
import { removeEvents } from "./remove-events.js";

/**
 * Removes a person: every event holding their user id, an anonymous id stitched to it, or an
 * email seen on those events, with the events' items and properties; and their identities.
 * The dedup ledgers keep bare ids, so a late retry cannot bring an erased event back. The read
 * model takes back what they added. One transaction, holding the appspace's projection
 * partition (it changes what the projector keeps).
 */
export async function erasePerson(sql: Sql, appspace: number, userId: string): Promise<void> {
  await sql.begin(async (tx) => {
    await lockPartition(tx, appspace);
    const direct = await tx<{ seq: number; email: string | null }[]>`
      SELECT seq, email FROM events WHERE appspace_seq = ${appspace} AND user_id = ${userId}
      UNION SELECT e.seq, e.email FROM identities i JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
      WHERE i.appspace_seq = ${appspace} AND i.user_id = ${userId}`;
    const emails = [...new Set(direct.map((r) => r.email).filter((e): e is string => e !== null))];
    const byEmail = emails.length
      ? await tx<{ seq: number }[]>`SELECT seq FROM events WHERE appspace_seq = ${appspace} AND email = ANY(${emails}::text[])`
      : [];
    const p = new Projection(tx);
    const dirty = p.dirtyOf(appspace);
    dirty.visitors.add(userId);
    for (const { anonymous_id } of await tx<{ anonymous_id: string }[]>`
      SELECT anonymous_id FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}`) {
      dirty.visitors.add(anonymous_id);
    }
    await tx`DELETE FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}`;
    await removeEvents(p, appspace, [...new Set([...direct.map((r) => r.seq), ...byEmail.map((r) => r.seq)])]);
  });
}
