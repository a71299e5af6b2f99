import type { Statement } from "better-sqlite3";
import type { Db } from "./open.js";

const cache = new WeakMap<Db, Map<string, Statement>>();

/** `db.prepare(sql)`, compiled once per database and reused: query modules run on every request. */
export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Statement<P, R>;
}
