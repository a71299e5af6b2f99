import type { Store } from "./store.js";
import { createSqliteStore } from "./stores/sqlite/sqlite-store.js";
import { isPostgresUrl } from "./stores/postgres/connect.js";
import { createPostgresStore } from "./stores/postgres/postgres-store.js";
import { ensureReadModel } from "./projection/rebuild.js";

/**
 * The store a `--db` argument names: a PostgreSQL database (`postgres://…` or
 * `postgresql://…`, schema brought up to date), or a SQLite file (created when missing) or
 * `":memory:"`; a database written before the read model gets it built from its events.
 *
 * @example
 * const store = await openStore("./tally.db");
 */
export async function openStore(db: string): Promise<Store> {
  const store = isPostgresUrl(db) ? await createPostgresStore({ url: db }) : createSqliteStore({ file: db });
  await ensureReadModel(store);
  return store;
}
