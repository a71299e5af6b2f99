import type { Sql } from "./connect.js";
import { loadEvent } from "./events.queries.js";
import { lockAllPartitions } from "./inbox.queries.js";
import { Projection } from "./projection.js";
import { addToReadModel } from "./project-events.js";
import { clearReadTables } from "./read-tables.js";
import { settleRollups } from "./rollups.js";

/**
 * Recomputes the whole read model from the stored events, in one transaction holding the
 * projection partitions: every event's own facts, then every session, cart and visitor. For copies
 * of a database (`migrate`) and for tests that check what the projector kept step by step
 * equals a fresh computation.
 */
export async function rebuildReadModel(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await lockAllPartitions(tx);
    await clearReadTables(tx);
    const p = new Projection(tx);
    for (const { seq } of await tx<{ seq: number }[]>`SELECT seq FROM events ORDER BY seq`) {
      await addToReadModel(p, (await loadEvent(tx, seq))!, 1);
    }
    await settleRollups(tx, p.writes, p.dirty);
    await p.writes.flush(tx);
  });
}
