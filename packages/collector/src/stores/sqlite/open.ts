import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations/index.js";
import { createPrivateFile } from "./private-file.js";

export type Db = Database.Database;

/**
 * Opens (or creates) a Tally database file, or `":memory:"`, and brings its schema up to date.
 *
 * @example
 * const db = openDatabase("./tally.db");
 */
export function openDatabase(file: string): Db {
  createPrivateFile(file);
  const db = new Database(file);
  tune(db);
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -8192");
  db.pragma("temp_store = MEMORY");
  // The projector rewrites the same read-table and index pages step after step: copying them into
  // the file every ~40 MB of log rather than every 4 MB (SQLite's default) copies each once and
  // syncs a tenth as often (about 8 % of projection). An erase truncates the log at once anyway.
  db.pragma("wal_autocheckpoint = 10000");
  migrate(db);
  return db;
}

/** The inbox's own file beside a database file. */
export const inboxFileOf = (file: string) => (file === ":memory:" ? ":memory:" : `${file}-inbox`);

/**
 * Opens the inbox of a database file: its own file (`<file>-inbox`) on its own connection.
 * SQLite has one writer per file, so requests appending to the inbox never wait behind the
 * projector's long transactions on the main file. The projector's position lives in the main
 * file, committed with what it applied; entries at or before it are garbage.
 */
export function openInbox(file: string): Db {
  createPrivateFile(inboxFileOf(file));
  const db = new Database(inboxFileOf(file));
  tune(db);
  // AUTOINCREMENT: entries are deleted once projected, and a sequence number must never be handed out twice.
  db.exec(`CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    events INTEGER NOT NULL,
    body TEXT NOT NULL,
    appspace_seq INTEGER NOT NULL DEFAULT 0
  )`);
  // An inbox written before entries carried their appspace: read it from each entry's facts.
  const columns = db.pragma("table_info(entries)") as Array<{ name: string }>;
  if (!columns.some((c) => c.name === "appspace_seq")) {
    db.transaction(() => {
      db.exec("ALTER TABLE entries ADD COLUMN appspace_seq INTEGER NOT NULL DEFAULT 0");
      db.exec(
        "UPDATE entries SET appspace_seq = coalesce(json_extract(body, '$.f.appspace.seq'), 0) WHERE json_valid(body)",
      );
    })();
  }
  db.exec("CREATE INDEX IF NOT EXISTS entries_by_appspace ON entries (appspace_seq, seq)");
  // Events accepted per appspace and UTC month (year × 12 + month), counted in the same commit as
  // the entries that hold them: the quota's durable count.
  db.exec(`CREATE TABLE IF NOT EXISTS quota_usage (
    appspace_seq INTEGER NOT NULL,
    month INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (appspace_seq, month)
  ) WITHOUT ROWID`);
  // Events a fraud rule at block will drop, counted at ingest per appspace, rule and UTC month,
  // so an operator sees what was dropped silently (the answer must not say so).
  db.exec(`CREATE TABLE IF NOT EXISTS fraud_drops (
    appspace_seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    month INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (appspace_seq, rule, month)
  ) WITHOUT ROWID`);
  return db;
}

function tune(db: Db): void {
  db.pragma("journal_mode = WAL");
  // WAL + NORMAL: a commit survives a crash of the process; only an OS crash or power loss
  // can take back the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten, not left in free pages: an erased person leaves no bytes behind.
  db.pragma("secure_delete = ON");
}

/**
 * Runs the migrations newer than the file's `user_version`, each in its own transaction, reading
 * the version again under the write lock: a process that opened the file at the same time and
 * got there first has already run it.
 */
export function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      if ((db.pragma("user_version", { simple: true }) as number) >= version) return;
      db.exec(MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
