import { backupDatabase, backupTargetTaken, type BackupProgress } from "../stores/sqlite/backup-database.js";
import { isPostgresUrl } from "../stores/postgres/connect.js";
import { CliError, DEFAULT_DB, parseFlags, required } from "./args.js";
import { checkStoreFile } from "./store-file.js";

export const BACKUP_USAGE = `Usage:
  tally-collector backup [--db FILE] --to COPY

Copies a SQLite database and its inbox (FILE-inbox) to COPY and COPY-inbox while a collector
serves it, with SQLite's online backup: ingest and projection go on, and \`serve --db COPY\`
answers as FILE did when the backup began — every event acknowledged before then is in the
copy, once. COPY must not exist yet. On PostgreSQL, use pg_dump (see the README's Backups).`;

/** `backup`: an online, consistent copy of a SQLite database and its inbox, with progress on stderr. */
export async function backupCommand(
  argv: string[],
  out: (line: string) => void,
  err: (text: string) => void,
): Promise<void> {
  const flags = parseFlags(argv, { db: { type: "string", default: DEFAULT_DB }, to: { type: "string" } });
  if (flags.help) return out(BACKUP_USAGE);
  const file = flags.db as string;
  if (isPostgresUrl(file)) {
    throw new CliError(
      "backup copies SQLite files; for PostgreSQL use pg_dump --format=custom and pg_restore (the README's Backups section shows both)",
    );
  }
  const to = required(flags, "to");
  if (file === ":memory:") throw new CliError("backup needs a database file, not :memory:");
  checkStoreFile(file, { mustExist: true });
  const taken = backupTargetTaken(to);
  if (taken)
    throw new CliError(`${taken} already exists: backup never overwrites; choose another --to, or remove it first`);
  const started = Date.now();
  const progress = progressLine(err);
  let result;
  try {
    result = await backupDatabase(file, to, progress);
  } catch (error) {
    throw new CliError(`backup of ${file} to ${to} failed: ${(error as Error).message} (nothing was left at ${to})`);
  }
  const seconds = Math.max(0.001, (Date.now() - started) / 1000);
  const mb = result.bytes / 1024 / 1024;
  out(
    `Backed up ${file} and its inbox to ${result.files.database} and ${result.files.inbox}: ${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(0)} MB/s), ` +
      `as of ${result.at.toISOString()} (projected to entry ${result.position}, ${result.waiting} acknowledged entries still to project). Serve it with --db ${result.files.database}.`,
  );
}

/** One line per file: redrawn in place on a terminal, written once the file is done otherwise. */
function progressLine(err: (text: string) => void) {
  const tty = process.stderr.isTTY;
  let drawn = 0;
  return ({ file, pages, totalPages }: BackupProgress) => {
    const share = totalPages === 0 ? 1 : pages / totalPages;
    const filled = Math.round(share * 20);
    const line = `${file.padEnd(9)} [${"#".repeat(filled)}${".".repeat(20 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${pages.toLocaleString("en")} / ${totalPages.toLocaleString("en")} pages`;
    if (tty) {
      if (Date.now() - drawn < 100 && pages < totalPages) return;
      drawn = Date.now();
      err(`\r${line}${pages >= totalPages ? "\n" : ""}`);
    } else if (pages >= totalPages) err(`${line}\n`);
  };
}
