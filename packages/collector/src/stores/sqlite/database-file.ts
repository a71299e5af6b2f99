import { accessSync, constants, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations/index.js";
import { inboxFileOf } from "./open.js";

/** A database file that cannot be used, said in one line that names it and what to do. */
export class DatabaseFileError extends Error {
  override name = "DatabaseFileError";
}

const isMemory = (file: string) => file === ":memory:";

function writable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks, without creating or changing anything, that `file` can be opened as this collector's
 * database: a file (not a directory) in a directory that exists, readable and writable, and
 * not written by a newer collector. `mustExist` is for commands that only read or add to one.
 */
export function checkDatabaseFile(file: string, { mustExist = false } = {}): void {
  if (isMemory(file)) return;
  const dir = dirname(resolve(file));
  let stat;
  try {
    stat = statSync(file);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory())
    throw new DatabaseFileError(
      `--db ${file} is a directory: give the path of a database file, e.g. --db ${join(file, "tally.db")}`,
    );
  if (!stat) {
    if (mustExist)
      throw new DatabaseFileError(
        `no database at ${file}: check --db, or create one with \`tally-collector appspace create --db ${file} …\``,
      );
    let dirStat;
    try {
      dirStat = statSync(dir);
    } catch {
      throw new DatabaseFileError(
        `cannot create database ${file}: directory ${dir} does not exist (create it, or choose another --db)`,
      );
    }
    if (!dirStat.isDirectory())
      throw new DatabaseFileError(`cannot create database ${file}: ${dir} is not a directory`);
    if (!writable(dir))
      throw new DatabaseFileError(
        `cannot create database ${file}: directory ${dir} is not writable (check its owner and mode, or choose another --db)`,
      );
    return;
  }
  if (!writable(file))
    throw new DatabaseFileError(
      `cannot write database ${file}: permission denied (the collector writes to it; check its owner and mode)`,
    );
  const inbox = inboxFileOf(file);
  if (statSafe(inbox) && !writable(inbox))
    throw new DatabaseFileError(
      `cannot write the inbox ${inbox} beside database ${file}: permission denied (check its owner and mode)`,
    );
  // SQLite keeps its write-ahead log beside the file.
  if (!writable(dir))
    throw new DatabaseFileError(
      `cannot use database ${file}: directory ${dir} is not writable, and SQLite keeps its log files there`,
    );
  checkSchemaVersion(file);
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function checkSchemaVersion(file: string): void {
  let version: number;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      version = db.pragma("user_version", { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_NOTADB")
      throw new DatabaseFileError(`${file} is not a SQLite database: check --db`);
    throw new DatabaseFileError(`cannot open database ${file}: ${(error as Error).message}`);
  }
  if (version > MIGRATIONS.length) {
    throw new DatabaseFileError(
      `database ${file} was written by a newer tally-collector (schema version ${version}; this one knows up to ${MIGRATIONS.length}): upgrade tally-collector, or use another --db`,
    );
  }
}
