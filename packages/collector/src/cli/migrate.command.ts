import { copySqliteToPostgres, type CopyProgress } from "../stores/copy-database.js";
import { isPostgresUrl } from "../stores/postgres/connect.js";
import type { PostgresStore } from "../stores/postgres/postgres-store.js";
import type { SqliteStore } from "../stores/sqlite/sqlite-store.js";
import { CliError, parseFlags, required, UsageError } from "./args.js";
import { openStoreFile, shownDb } from "./store-file.js";

export const MIGRATE_USAGE = `Usage:
  tally-collector migrate --from FILE --to postgres://user:password@host:5432/dbname

Copies a SQLite database into PostgreSQL: appspaces and their hashed keys, every event with its
items, the dedup ledgers, identities and the read model, and the events not yet projected.
Stop the collector serving FILE first. Run it again after an interruption: it writes nothing
twice and goes on from where it stopped. Then start collectors with --db set to the URL.`;

/** `migrate`: one SQLite file into one PostgreSQL database, with a progress line per table. */
export async function migrateCommand(
  argv: string[],
  out: (line: string) => void,
  err: (text: string) => void,
): Promise<void> {
  const flags = parseFlags(argv, { from: { type: "string" }, to: { type: "string" } });
  if (flags.help) return out(MIGRATE_USAGE);
  const fromFile = required(flags, "from");
  const toUrl = required(flags, "to");
  if (isPostgresUrl(fromFile)) throw new UsageError("--from is the SQLite file to copy from");
  if (!isPostgresUrl(toUrl)) throw new UsageError("--to must be a postgres:// or postgresql:// URL");
  const from = (await openStoreFile(fromFile, { mustExist: true })) as SqliteStore;
  try {
    const to = (await openStoreFile(toUrl)) as PostgresStore;
    try {
      const started = Date.now();
      const progress = progressLine(err);
      const copied = await copySqliteToPostgres(from, to, progress.show);
      progress.end();
      out(
        `Copied ${copied.rows.toLocaleString("en")} rows of ${copied.tables} tables and ${copied.entries.toLocaleString("en")} unprojected inbox entries from ${fromFile} to ${shownDb(toUrl)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    } finally {
      await to.close();
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`migrate stopped: ${(error as Error).message} (run it again to go on)`);
  } finally {
    await from.close();
  }
}

/** One line per table: redrawn in place on a terminal, written once a table is done otherwise. */
function progressLine(err: (text: string) => void) {
  const tty = process.stderr.isTTY;
  let drawn = 0;
  const bar = (done: number, total: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * 20);
    return `[${"#".repeat(filled)}${".".repeat(20 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%`;
  };
  return {
    show({ table, done, total }: CopyProgress) {
      const line = `${table.padEnd(18)} ${bar(done, total)}  ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`;
      if (tty) {
        if (Date.now() - drawn < 100 && done < total) return;
        drawn = Date.now();
        err(`\r${line}${done >= total ? "\n" : ""}`);
      } else if (done >= total) err(`${line}\n`);
    },
    end() {},
  };
}
