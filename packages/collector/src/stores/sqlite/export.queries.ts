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

/** The inbox entries the projector has not applied yet, oldest first. */
export function unprojectedEntries(db: Db, inbox: Db): Array<InboxEntry & { seq: number }> {
  const { position } = db.prepare("SELECT position FROM projector_state").get() as { position: number };
  return (inbox.prepare("SELECT seq, events, body FROM entries WHERE seq > ? ORDER BY seq").all(position) as Array<{ seq: number; events: number; body: string }>).map(
    (e) => ({ seq: e.seq, events: e.events, text: e.body }),
  );
}
