import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations/index.js";

export type Db = Database.Database;

/**
 * Opens (or creates) a Tally database file, or `":memory:"`, and brings its schema up to date.
 *
 * @example
 * const db = openDatabase("./tally.db");
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // WAL + NORMAL: a commit survives a crash of the process; only an OS crash or power loss
  // can take back the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -16384");
  db.pragma("temp_store = MEMORY");
  migrate(db);
  return db;
}

/** Runs the migrations newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
