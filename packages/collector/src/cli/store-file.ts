import { openStore } from "../stores/open-store.js";
import { checkDatabaseFile, DatabaseFileError } from "../stores/sqlite/database-file.js";
import type { AppspaceRow, Store } from "../store.js";
import { CliError } from "./args.js";

/** Checks, without creating anything, that `--db` names a usable database (see `checkDatabaseFile`). */
export function checkStoreFile(file: string, { mustExist = false } = {}): void {
  try {
    checkDatabaseFile(file, { mustExist });
  } catch (error) {
    if (error instanceof DatabaseFileError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Opens the store `--db` names after checking, without creating anything, that it can be used;
 * `mustExist` for commands that only read or add to one. What still goes wrong names the file.
 */
export function openStoreFile(file: string, { mustExist = false } = {}): Store {
  checkStoreFile(file, { mustExist });
  try {
    return openStore(file);
  } catch (error) {
    throw new CliError(`cannot open database ${file}: ${(error as Error).message}`);
  }
}

/** Runs `use` on the store `--db` names, and closes it. */
export async function withStore<T>(file: string, mustExist: boolean, use: (store: Store) => Promise<T>): Promise<T> {
  const store = openStoreFile(file, { mustExist });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The appspace `--appspace`/`--id` names, or a one-line CliError saying how to find the ids. */
export async function appspaceOrFail(store: Store, id: string, file: string): Promise<AppspaceRow> {
  const row = await store.findAppspaceById(id);
  if (!row) throw new CliError(`no appspace ${id} in ${file}: \`tally-collector appspace list --db ${file}\` shows the ids`);
  return row;
}
