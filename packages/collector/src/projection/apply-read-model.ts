import { ask, type LedgerProcedure } from "./ledger.js";
import type { ReadModelDelta } from "./read-model-delta.js";
import { settleRollups, type StepEvents } from "./settle-rollups.js";

/**
 * Writes what a delta gathered: cart days first (rollups read them back), then the rollups of
 * every entity it touched, then the read tables, a call per kind of row. A projection step passes
 * what it knows of its own events (`step`), which spares reading what it alone added.
 */
export function* applyReadModel(appspace: number, delta: ReadModelDelta, step?: StepEvents): LedgerProcedure<void> {
  const days = delta.takeCartDays();
  if (days.length) yield* ask((l) => l.addCartDays(appspace, days));
  yield* settleRollups(delta.writes, delta.dirty, step);
  const rows = delta.writes.take();
  if (rows.length) yield* ask((l) => l.writeReadTables(rows));
}
