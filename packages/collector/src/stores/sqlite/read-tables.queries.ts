import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { READ_TABLES, type Contribution, type ReadTable } from "../../rules/contribution.js";

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

/** Adds contributions to the read tables (sign 1), or takes them back (sign -1). */
export function applyContributions(db: Db, appspace: number, rows: readonly Contribution[], sign: 1 | -1): void {
  for (const row of rows) {
    const { additive } = READ_TABLES[row.t];
    const direction = row.drop ? -1 : sign;
    const statement = prepared(db, statementOf(row.t, direction));
    if (additive) statement.run(appspace, ...row.k, ...row.v.map((v) => (direction === 1 ? v : -(v as number))));
    else if (direction === 1) statement.run(appspace, ...row.k, ...row.v);
    else statement.run(appspace, ...row.k);
  }
}

/** Every read table emptied (before a rebuild), the cart days they are rolled up from with them. */
export function clearReadTables(db: Db): void {
  for (const table of Object.keys(READ_TABLES)) db.exec(`DELETE FROM ${table}`);
  db.exec("DELETE FROM rollups");
  db.exec("DELETE FROM cart_days");
}
