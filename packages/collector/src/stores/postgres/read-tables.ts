import type { Tx } from "./connect.js";
import { READ_TABLES, type Contribution, type ReadTable } from "../../rules/contribution.js";
import type { ReadTableRow } from "../../projection/ledger.js";

type Keyed = ReadTableRow;

/** Read-table rows in one statement per table: additive ones summed in, keyed ones written, deletes one by one. */
export async function writeReadTableRows(tx: Tx, rows: readonly ReadTableRow[]): Promise<void> {
  const byTable = new Map<ReadTable, { sums: number[][]; keys: Array<Contribution["k"]>; apps: number[] }>();
  const sets = new Map<ReadTable, ReadTableRow[]>();
  for (const row of rows) {
    if (READ_TABLES[row.t].additive) {
      let group = byTable.get(row.t);
      if (!group) byTable.set(row.t, (group = { sums: [], keys: [], apps: [] }));
      group.sums.push(row.v as number[]);
      group.keys.push(row.k);
      group.apps.push(row.appspace);
    } else if (row.v === null) {
      const { keys } = READ_TABLES[row.t];
      const where = ["appspace_seq", ...keys].map((c, i) => `${c} = $${i + 1}`).join(" AND ");
      await tx.unsafe(`DELETE FROM ${row.t} WHERE ${where}`, [row.appspace, ...row.k], { prepare: true });
    } else {
      let list = sets.get(row.t);
      if (!list) sets.set(row.t, (list = []));
      list.push(row);
    }
  }
  for (const [table, group] of byTable) await upsertSums(tx, table, group.apps, group.keys, group.sums);
  for (const [table, list] of sets) await upsertKeyed(tx, table, list);
}

const MAX_PARAMETERS = 60_000;

async function upsertSums(
  tx: Tx,
  table: ReadTable,
  apps: number[],
  keys: Array<Contribution["k"]>,
  sums: number[][],
): Promise<void> {
  const { keys: keyColumns, values } = READ_TABLES[table];
  const columns = ["appspace_seq", ...keyColumns, ...values];
  const set = values.map((v) => `${v} = r.${v} + excluded.${v}`).join(", ");
  const per = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let from = 0; from < apps.length; from += per) {
    const rows = apps.slice(from, from + per).map((appspace, i) => [appspace, ...keys[from + i]!, ...sums[from + i]!]);
    await tx.unsafe(
      `INSERT INTO ${table} AS r (${columns.join(", ")}) VALUES ${placeholders(rows.length, columns.length)}
       ON CONFLICT (${["appspace_seq", ...keyColumns].join(", ")}) DO UPDATE SET ${set}`,
      rows.flat(),
    );
  }
}

async function upsertKeyed(tx: Tx, table: ReadTable, rows: Keyed[]): Promise<void> {
  const { keys: keyColumns, values } = READ_TABLES[table];
  const columns = ["appspace_seq", ...keyColumns, ...values];
  const conflict = `ON CONFLICT (${["appspace_seq", ...keyColumns].join(", ")}) DO ${
    values.length === 0 ? "NOTHING" : `UPDATE SET ${values.map((v) => `${v} = excluded.${v}`).join(", ")}`
  }`;
  const per = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let from = 0; from < rows.length; from += per) {
    const chunk = rows.slice(from, from + per).map((r) => [r.appspace, ...r.k, ...r.v!]);
    await tx.unsafe(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${placeholders(chunk.length, columns.length)} ${conflict}`,
      chunk.flat(),
    );
  }
}

/** `($1, $2), ($3, $4)` for `rows` rows of `width` values. */
function placeholders(rows: number, width: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++)
    out.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`);
  return out.join(", ");
}

/** Every read table emptied (before a rebuild), the cart days they are rolled up from with them. */
export async function clearReadTables(tx: Tx): Promise<void> {
  for (const table of Object.keys(READ_TABLES)) await tx.unsafe(`DELETE FROM ${table}`);
  await tx`DELETE FROM rollups`;
  await tx`DELETE FROM cart_days`;
}
