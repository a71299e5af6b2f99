import type { Tx } from "./connect.js";
import { READ_TABLES, type ReadTable } from "../../rules/contribution.js";
import type { ReadTableRow } from "../../projection/ledger.js";
import { recordsJson } from "./well-formed.js";

/**
 * Read-table rows in one statement per table and kind of write, each table's rows one JSON
 * parameter: additive ones summed in, keyed ones written or deleted.
 */
export async function writeReadTableRows(tx: Tx, rows: readonly ReadTableRow[]): Promise<void> {
  const groups = new Map<
    string,
    { table: ReadTable; drop: boolean; key: number; records: Array<Record<string, unknown>> }
  >();
  for (const row of rows) {
    const drop = row.v === null;
    // Deletes are grouped by read key too: on Citus a delete names its shard.
    const id = drop ? `${row.t}:drop:${row.appspace}` : `${row.t}:write`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { table: row.t, drop, key: row.appspace, records: [] }));
    const { keys, values } = READ_TABLES[row.t];
    const record: Record<string, unknown> = { appspace_seq: row.appspace };
    keys.forEach((k, i) => (record[k] = row.k[i]));
    if (!drop) values.forEach((v, i) => (record[v] = row.v![i]));
    group.records.push(record);
  }
  for (const { table, drop, key: readKey, records } of groups.values()) {
    const { additive, keys, values } = READ_TABLES[table];
    const key = ["appspace_seq", ...keys];
    const json = recordsJson(records);
    if (drop) {
      const match = keys.map((c) => `t.${c} = d.${c}`).join(" AND ");
      await tx.unsafe(
        `DELETE FROM ${table} t USING json_populate_recordset(NULL::${table}, $1::text::json) d
         WHERE t.appspace_seq = $2 AND ${match}`,
        [json, readKey],
      );
      continue;
    }
    const columns = [...key, ...values];
    const update = additive
      ? `UPDATE SET ${values.map((v) => `${v} = t.${v} + excluded.${v}`).join(", ")}`
      : values.length === 0
        ? "NOTHING"
        : `UPDATE SET ${values.map((v) => `${v} = excluded.${v}`).join(", ")}`;
    await tx.unsafe(
      `INSERT INTO ${table} AS t (${columns.join(", ")})
       SELECT ${columns.map((c) => `r.${c}`).join(", ")} FROM json_populate_recordset(NULL::${table}, $1::text::json) r
       ON CONFLICT (${key.join(", ")}) DO ${update}`,
      [json],
    );
  }
}

/** Every read table emptied (before a rebuild), the cart days they are rolled up from with them. */
export async function clearReadTables(tx: Tx): Promise<void> {
  for (const table of Object.keys(READ_TABLES)) await tx.unsafe(`DELETE FROM ${table}`);
  await tx`DELETE FROM rollups`;
  await tx`DELETE FROM cart_days`;
}
