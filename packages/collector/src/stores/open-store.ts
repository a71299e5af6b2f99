import type { Store } from "../store.js";
import { createSqliteStore } from "./sqlite/sqlite-store.js";

/**
 * The store a `--db` argument names: a SQLite file (created when missing) or `":memory:"`.
 *
 * @example
 * const store = openStore("./tally.db");
 */
export function openStore(db: string): Store {
  return createSqliteStore({ file: db });
}
