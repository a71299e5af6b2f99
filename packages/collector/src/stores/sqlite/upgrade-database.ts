import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { backupDatabase } from "./backup-database.js";
import { MIGRATIONS } from "./migrations/index.js";
import { inboxFileOf } from "./open.js";

/** What an upgrade did: the schema versions, and the backup taken first (unless told not to). */
export interface Upgrade {
  from: number;
  to: number;
  backup?: string;
}

/** The backup an upgrade takes first, named by the schema version it holds: `shop.db.schema-8.backup`. */
export const upgradeBackupOf = (file: string, version: number) => `${file}.schema-${version}.backup`;

/**
 * Brings a database file written by an earlier collector up to this one's schema, once, however
 * many processes open it at the same time: the first takes SQLite's write lock (`BEGIN
 * IMMEDIATE`), reads the version again under it, copies the database and its inbox beside it as
 * they were (`backupDatabase`, unless `backup` is false; an existing copy of that version is kept),
 * and runs every newer migration in the same transaction; the others wait for the lock and
 * find nothing left to do. Answers undefined when there was nothing to upgrade (a new, empty or
 * current file). A file from a newer collector is refused earlier, by `checkDatabaseFile`.
 *
 * @example
 * const upgrade = await upgradeDatabase("shop.db", { backup: true });
 * upgrade?.backup; // "shop.db.schema-8.backup"
 */
export async function upgradeDatabase(file: string, { backup = true } = {}): Promise<Upgrade | undefined> {
  if (file === ":memory:" || !existsSync(file)) return undefined;
  const db = new Database(file);
  try {
    db.pragma("busy_timeout = 60000");
    const version = () => db.pragma("user_version", { simple: true }) as number;
    if (version() === 0 || version() >= MIGRATIONS.length) return undefined;
    db.exec("BEGIN IMMEDIATE");
    try {
      const from = version();
      if (from >= MIGRATIONS.length) {
        db.exec("COMMIT");
        return undefined;
      }
      let copy: string | undefined;
      if (backup) {
        copy = upgradeBackupOf(file, from);
        // A copy of this version is already there (an upgrade that stopped): it is the one to keep.
        if (!existsSync(copy) && existsSync(inboxFileOf(file))) await backupDatabase(file, copy);
      }
      for (let v = from + 1; v <= MIGRATIONS.length; v++) db.exec(MIGRATIONS[v - 1]!);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
      db.exec("COMMIT");
      return { from, to: MIGRATIONS.length, backup: copy };
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}
