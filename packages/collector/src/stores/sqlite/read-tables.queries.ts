import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { Statement } from "better-sqlite3";
import { READ_TABLES, type ReadTable } from "../../rules/contribution.js";
import type { ReadTableRow } from "../../projection/ledger.js";

const sql = new Map<string, string>();

function statementOf(table: ReadTable, sign: 1 | -1): string {
  const id = `${table}:${sign}`;
  let text = sql.get(id);
  if (text) return text;
  const { additive, keys, values } = READ_TABLES[table];
  const columns = ["appspace_seq", ...keys, ...values];
  const marks = columns.map(() => "?").join(", ");
  if (additive) {
    const set = values.map((v) => `${v} = ${v} + excluded.${v}`).join(", ");
    text = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${marks}) ON CONFLICT DO UPDATE SET ${set}`;
  } else if (sign === 1) {
    text = `INSERT OR REPLACE INTO ${table} (${columns.join(", ")}) VALUES (${marks})`;
  } else {
    text = `DELETE FROM ${table} WHERE ${["appspace_seq", ...keys].map((c) => `${c} = ?`).join(" AND ")}`;
  }
  sql.set(id, text);
  return text;
}

/** Read-table rows written: additive ones summed in, keyed ones written or (`v: null`) deleted. */
export function writeReadTableRows(db: Db, rows: readonly ReadTableRow[]): void {
  const statements = new Map<string, Statement>();
  for (const r of rows) {
    const drop = r.v === null;
    const id = drop ? `-${r.t}` : r.t;
    let statement = statements.get(id);
    if (!statement) statements.set(id, (statement = prepared(db, statementOf(r.t, drop ? -1 : 1))));
    if (drop) statement.run(r.appspace, ...r.k);
    else statement.run(r.appspace, ...r.k, ...r.v!);
  }
}

/** Every read table emptied (before a rebuild), the cart days they are rolled up from with them. */
export function clearReadTables(db: Db): void {
  for (const table of Object.keys(READ_TABLES)) db.exec(`DELETE FROM ${table}`);
  db.exec("DELETE FROM rollups");
  db.exec("DELETE FROM cart_days");
}
