import { openStore } from "../open-store.js";
import { checkDatabaseFile, DatabaseFileError } from "../stores/sqlite/database-file.js";
import { upgradeDatabase } from "../stores/sqlite/upgrade-database.js";
import { DatabaseUrlError, isPostgresUrl, redact } from "../stores/postgres/connect.js";
import type { AppspaceRow, Store } from "../store.js";
import { CliError } from "./args.js";

/** `--db` as messages show it: a file as given, a URL without its password. */
export const shownDb = (db: string) => (isPostgresUrl(db) ? redact(db) : db);

/**
 * Checks, without creating anything, that a `--db` file can be used (see `checkDatabaseFile`);
 * a PostgreSQL URL is checked when it is opened.
 */
export function checkStoreFile(db: string, { mustExist = false } = {}): void {
  if (isPostgresUrl(db)) return;
  try {
    checkDatabaseFile(db, { mustExist });
  } catch (error) {
    if (error instanceof DatabaseFileError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Opens the store `--db` names after checking, without creating anything, that it can be used;
 * `mustExist` for commands that only read or add to a SQLite file. A SQLite file written by an
 * earlier collector is upgraded first, once, with a copy of it kept beside it unless `backup` is
 * false (`serve --no-backup`). What still goes wrong is one line that names the database.
 */
export async function openStoreFile(db: string, { mustExist = false, backup = true } = {}): Promise<Store> {
  checkStoreFile(db, { mustExist });
  try {
    if (!isPostgresUrl(db)) {
      const upgrade = await upgradeDatabase(db, { backup });
      if (upgrade) {
        const kept = upgrade.backup ? `; the database as it was is at ${upgrade.backup}` : " (no backup: --no-backup)";
        process.stderr.write(`Upgraded database ${db} from schema version ${upgrade.from} to ${upgrade.to}${kept}\n`);
      }
    }
    return await openStore(db);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message);
    throw new CliError(`cannot open database ${shownDb(db)}: ${(error as Error).message}`);
  }
}

/** Runs `use` on the store `--db` names, and closes it. */
export async function withStore<T>(db: string, mustExist: boolean, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoreFile(db, { mustExist });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The appspace `--appspace`/`--id` names, or a one-line CliError saying how to find the ids. */
export async function appspaceOrFail(store: Store, id: string, file: string): Promise<AppspaceRow> {
  const row = await store.findAppspaceById(id);
  if (!row)
    throw new CliError(
      `no appspace ${id} in ${shownDb(file)}: \`tally-collector appspace list --db ${shownDb(file)}\` shows the ids`,
    );
  return row;
}
