import type { Store } from "../store.js";
import { createSqliteStore } from "./sqlite/sqlite-store.js";
import { isPostgresUrl } from "./postgres/connect.js";
import { createPostgresStore } from "./postgres/postgres-store.js";

/**
 * The store a `--db` argument names: a PostgreSQL database (`postgres://…` or
 * `postgresql://…`, schema brought up to date), or a SQLite file (created when missing) or `":memory:"`.
 *
 * @example
 * const store = await openStore("./tally.db");
 */
export async function openStore(db: string): Promise<Store> {
  return isPostgresUrl(db) ? createPostgresStore({ url: db }) : createSqliteStore({ file: db });
}
