import type { Db } from "./open.js";
import type { CopiedTable, RowChunk } from "../copied-tables.js";
import type { InboxEntry } from "../../store.js";

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function countRows(db: Db, table: CopiedTable): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quoted(table.name)}`).get() as { n: number }).n;
}

/**
 * Up to `limit` rows of a table after the key `after` (all from the start without one), in key
 * order: a copy reads a large table in bounded chunks and can start again after any of them.
 */
export function readChunk(db: Db, table: CopiedTable, after: unknown[] | undefined, limit: number): RowChunk {
  const key = table.key.map(quoted).join(", ");
  const where = after ? `WHERE (${key}) > (${table.key.map(() => "?").join(", ")})` : "";
  const statement = db.prepare(`SELECT * FROM ${quoted(table.name)} ${where} ORDER BY ${key} LIMIT ?`).raw();
  const rows = statement.all(...(after ?? []), limit) as unknown[][];
  return { columns: statement.columns().map((c) => c.name), rows };
}

/** The inbox entries the projector has not applied yet (after their appspace's position), oldest first. */
export function unprojectedEntries(db: Db, inbox: Db): Array<InboxEntry & { seq: number }> {
  const { position: floor } = db.prepare("SELECT position FROM projector_state").get() as { position: number };
  const positions = new Map(
    (
      db.prepare("SELECT appspace_seq, position FROM projection_positions").all() as Array<{
        appspace_seq: number;
        position: number;
      }>
    ).map((r) => [r.appspace_seq, r.position]),
  );
  const rows = inbox
    .prepare("SELECT seq, appspace_seq, events, body FROM entries WHERE seq > ? ORDER BY seq")
    .all(floor) as Array<{
    seq: number;
    appspace_seq: number;
    events: number;
    body: string;
  }>;
  return rows
    .filter((e) => e.seq > (positions.get(e.appspace_seq) ?? 0))
    .map((e) => ({ seq: e.seq, appspaceSeq: e.appspace_seq, events: e.events, text: e.body }));
}
