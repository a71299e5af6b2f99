import type { CollectorAssets } from "../assets/collector-assets.js";
import { APPSPACE_USAGE, appspaceCommand } from "./appspace.command.js";
import { BACKUP_USAGE, backupCommand } from "./backup.command.js";
import { CliError, UsageError } from "./args.js";
import { IMPORT_USAGE, ImportError, importCommand } from "./import.command.js";
import { KEY_USAGE, keyCommand } from "./key.command.js";
import { MIGRATE_USAGE, migrateCommand } from "./migrate.command.js";
import { SERVE_USAGE, serveCommand } from "./serve.command.js";
import { WEBHOOK_USAGE, webhookCommand } from "./webhook.command.js";
import { SOURCE_USAGE, sourceCommand } from "./source.command.js";

const USAGE = `tally-collector — Tally's collector: one process and one SQLite file, or several on PostgreSQL.

Usage:
  tally-collector serve [--db FILE|URL] [--port N] [--host H] [--rates FILE] [--country-header NAME]
  tally-collector appspace create|list|update|show …
  tally-collector key create|list|revoke …
  tally-collector webhook add|list|remove …
  tally-collector source add|list|remove …   (Shopify, WooCommerce, Stripe webhooks)
  tally-collector import --appspace ID [--format helloretail|csv|jsonl] SOURCE
  tally-collector migrate --from FILE --to postgres://…
  tally-collector backup [--db FILE] --to COPY
  tally-collector --version

--db takes a SQLite file or a postgres:// URL everywhere; TALLY_DB is its default (else ./tally.db).
Run a command with --help for its options. --debug (anywhere) shows a failure's stack trace.`;

const USAGES: Record<string, string> = {
  serve: SERVE_USAGE,
  appspace: APPSPACE_USAGE,
  key: KEY_USAGE,
  import: IMPORT_USAGE,
  webhook: WEBHOOK_USAGE,
  source: SOURCE_USAGE,
  migrate: MIGRATE_USAGE,
  backup: BACKUP_USAGE,
};

const out = (line: string) => console.log(line);
const err = (line: string) => console.error(line);

/**
 * Runs one `tally-collector` command line and answers its exit code: 0 done, 1 a one-line
 * failure (stack trace only with --debug), 2 a wrong call (with the command's usage).
 * `assets` are where the shipped files come from: the package's folders or the binary.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), createPackageAssets());
 */
export async function runCli(argv: string[], assets: CollectorAssets): Promise<number> {
  const debug = argv.includes("--debug");
  const [command, ...rest] = argv.filter((arg) => arg !== "--debug");
  try {
    if (command === "serve") await serveCommand(rest, out, err, assets);
    else if (command === "appspace") await appspaceCommand(rest, out, assets);
    else if (command === "key") await keyCommand(rest, out);
    else if (command === "webhook") await webhookCommand(rest, out);
    else if (command === "source") await sourceCommand(rest, out);
    else if (command === "import") return await importCommand(rest, out, assets);
    else if (command === "backup") await backupCommand(rest, out, (text) => process.stderr.write(text));
    else if (command === "migrate") await migrateCommand(rest, out, (text) => process.stderr.write(text));
    else if (command === "--version" || command === "-v" || command === "version")
      out(`tally-collector ${assets.version}`);
    else if (command === undefined || command === "--help" || command === "-h" || command === "help") out(USAGE);
    else throw new UsageError(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (debug) err((error as Error).stack ?? String(error));
    if (error instanceof UsageError) {
      const usage = USAGES[command ?? ""];
      err(`${usage ? `tally-collector ${command}` : "tally-collector"}: ${error.message}\n\n${usage ?? USAGE}`);
      return 2;
    }
    if (error instanceof ImportError) {
      err(`tally-collector import: ${error.message}`);
      return 1;
    }
    if (error instanceof CliError) {
      err(`tally-collector: ${error.message}`);
      return 1;
    }
    err(`tally-collector: ${(error as Error).message ?? error}${debug ? "" : "  (--debug shows where)"}`);
    return 1;
  }
}
