import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { loadEvent } from "./events.queries.js";
import { clearReadTables } from "./read-tables.queries.js";
import { applyEventToReadModel } from "./read-model-event.js";
import { settleRollups } from "./rollups.js";

/**
 * Recomputes the whole read model from the stored events, in one transaction: every event's own
 * facts, then every session, cart and visitor. Run when a database gains the read model, and by
 * tests to check that what the projector kept step by step equals a fresh computation.
 */
export function rebuildReadModel(db: Db): void {
  db.transaction(() => {
    clearReadTables(db);
    for (const { seq } of prepared<[], { seq: number }>(db, "SELECT seq FROM events ORDER BY seq").all()) {
      applyEventToReadModel(db, loadEvent(db, seq)!, 1);
    }
    settleRollups(db);
    prepared(db, "UPDATE read_model_state SET built = 1").run();
  })();
}

/** Builds the read model once, for a database whose events predate it. */
export function ensureReadModel(db: Db): void {
  if (prepared<[], { built: number }>(db, "SELECT built FROM read_model_state").get()!.built) return;
  rebuildReadModel(db);
}
