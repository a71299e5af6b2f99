import { closeSync, openSync } from "node:fs";

/**
 * Creates `file` readable and writable by its owner only (0600) when it does not exist yet, so
 * SQLite opens it as it is: the database holds webhook secrets and shoppers' data, and SQLite
 * gives its `-wal` and `-shm` files the mode of the database file. An existing file keeps the
 * mode its operator gave it.
 *
 * @example
 * createPrivateFile("./tally.db");
 */
export function createPrivateFile(file: string): void {
  if (file === ":memory:" || file === "") return;
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch {
    // Already there (EEXIST): SQLite opens it as it is. Anything else (a missing directory, no
    // permission) SQLite meets too, and reports in the words the CLI already explains.
  }
}
