import type { Sql } from "./connect.js";
import type { CopiedTable, RowChunk } from "../copied-tables.js";
import type { InboxEntry } from "../../store.js";

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The key of the last row of a table, where a copy into it stopped. Text compares byte by byte
 * (collation "C"), the order SQLite gave the rows in, whatever the database's own collation.
 */
export async function lastKey(sql: Sql, table: CopiedTable): Promise<unknown[] | undefined> {
  const types = new Map(
    (
      await sql<{ column_name: string; data_type: string }[]>`
      SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table.name}`
    ).map((c) => [c.column_name, c.data_type]),
  );
  const order = table.key.map((k) => `${quoted(k)}${types.get(k) === "text" ? ' COLLATE "C"' : ""} DESC`).join(", ");
  const [row] = await sql
    .unsafe(`SELECT ${table.key.map(quoted).join(", ")} FROM ${quoted(table.name)} ORDER BY ${order} LIMIT 1`)
    .values();
  return row as unknown[] | undefined;
}

/**
 * Tables whose rows carry their appspace here but not in a SQLite copy: it is taken from the row
 * they belong to (a delivery of a webhook removed since is not copied, as migration 0007 did).
 */
const APPSPACE_FROM: Record<string, { parent: string; by: string; parentKey: string }> = {
  event_properties: { parent: "events", by: "event_seq", parentKey: "seq" },
  webhook_deliveries: { parent: "webhooks", by: "webhook_id", parentKey: "id" },
};

/** Writes a chunk of rows as they are; rows already there are left alone (a copy run again). */
export async function writeChunk(sql: Sql, table: CopiedTable, chunk: RowChunk): Promise<void> {
  if (chunk.rows.length === 0) return;
  const from = APPSPACE_FROM[table.name];
  if (from && !chunk.columns.includes("appspace_seq")) {
    const rows = chunk.rows.map((row) => Object.fromEntries(chunk.columns.map((c, i) => [c, row[i]])));
    const columns = chunk.columns.map(quoted).join(", ");
    await sql.unsafe(
      `INSERT INTO ${quoted(table.name)} (appspace_seq, ${columns})
       SELECT p.appspace_seq, ${chunk.columns.map((c) => `r.${quoted(c)}`).join(", ")}
       FROM jsonb_populate_recordset(NULL::${quoted(table.name)}, $1::jsonb) r
       JOIN ${quoted(from.parent)} p ON p.${quoted(from.parentKey)} = r.${quoted(from.by)}
       ON CONFLICT DO NOTHING`,
      [rows as never],
    );
    return;
  }
  const width = chunk.columns.length;
  const per = Math.max(1, Math.floor(60_000 / width));
  for (let from = 0; from < chunk.rows.length; from += per) {
    const rows = chunk.rows.slice(from, from + per);
    const values = rows
      .map((_, r) => `(${chunk.columns.map((_, c) => `$${r * width + c + 1}`).join(", ")})`)
      .join(", ");
    await sql.unsafe(
      `INSERT INTO ${quoted(table.name)} (${chunk.columns.map(quoted).join(", ")}) VALUES ${values} ON CONFLICT DO NOTHING`,
      rows.flat() as never[],
    );
  }
}

/** Inbox entries to apply here, under their own sequence numbers (already there: left alone). */
export async function writeInbox(sql: Sql, entries: ReadonlyArray<InboxEntry & { seq: number }>): Promise<void> {
  for (let from = 0; from < entries.length; from += 1000) {
    const part = entries.slice(from, from + 1000);
    await sql`INSERT INTO inbox (seq, appspace_seq, events, body)
      SELECT * FROM unnest(${part.map((e) => e.seq)}::bigint[], ${part.map((e) => e.appspaceSeq)}::int[], ${part.map((e) => e.events)}::int[], ${part.map((e) => e.text)}::text[])
      ON CONFLICT (appspace_seq, seq) DO NOTHING`;
  }
}

/** Moves each serial column's sequence past the rows copied in with their own numbers. */
export async function advanceSequences(sql: Sql): Promise<void> {
  for (const [table, column] of [
    ["appspaces", "seq"],
    ["api_keys", "seq"],
    ["events", "seq"],
    ["inbox", "seq"],
    ["webhook_deliveries", "seq"],
  ] as const) {
    await sql.unsafe(
      `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), greatest((SELECT max(${column}) FROM ${table}), (SELECT last_value FROM ${table}_${column}_seq), 1))`,
    );
  }
}

export async function countRows(sql: Sql, table: string): Promise<number> {
  const [{ n }] = await sql.unsafe<{ n: number }[]>(`SELECT count(*) AS n FROM ${quoted(table)}`);
  return n;
}
