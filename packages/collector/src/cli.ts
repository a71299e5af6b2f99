#!/usr/bin/env -S node --max-old-space-size=64 --max-semi-space-size=8
// The heap caps keep the collector inside its memory budget: without them V8 lets a busy heap
// grow far past what ingest needs before collecting (run with `node` directly to lift them).
// The projector's worker thread has caps of its own (projector/worker-projector.ts).
import { readFileSync } from "node:fs";
import { APPSPACE_USAGE, appspaceCommand } from "./cli/appspace.command.js";
import { CliError, UsageError } from "./cli/args.js";
import { IMPORT_USAGE, ImportError, importCommand } from "./cli/import.command.js";
import { KEY_USAGE, keyCommand } from "./cli/key.command.js";
import { MIGRATE_USAGE, migrateCommand } from "./cli/migrate.command.js";
import { SERVE_USAGE, serveCommand } from "./cli/serve.command.js";
import { WEBHOOK_USAGE, webhookCommand } from "./cli/webhook.command.js";
import { SOURCE_USAGE, sourceCommand } from "./cli/source.command.js";

const USAGE = `tally-collector — Tally's collector: one process and one SQLite file, or several on PostgreSQL.

Usage:
  tally-collector serve [--db FILE|URL] [--port N] [--host H] [--rates FILE] [--country-header NAME]
  tally-collector appspace create|list|update|show …
  tally-collector key create|list|revoke …
  tally-collector webhook add|list|remove …
  tally-collector source add|list|remove …   (Shopify, WooCommerce, Stripe webhooks)
  tally-collector import --appspace ID [--format helloretail|csv|jsonl] SOURCE
  tally-collector migrate --from FILE --to postgres://…
  tally-collector --version

--db takes a SQLite file or a postgres:// URL everywhere; TALLY_DB is its default (else ./tally.db).
Run a command with --help for its options. --debug (anywhere) shows a failure's stack trace.`;

const USAGES: Record<string, string> = { serve: SERVE_USAGE, appspace: APPSPACE_USAGE, key: KEY_USAGE, import: IMPORT_USAGE, webhook: WEBHOOK_USAGE, source: SOURCE_USAGE, migrate: MIGRATE_USAGE };

const out = (line: string) => console.log(line);
const err = (line: string) => console.error(line);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const [command, ...rest] = argv.filter((arg) => arg !== "--debug");
  try {
    if (command === "serve") await serveCommand(rest, out, err);
    else if (command === "appspace") await appspaceCommand(rest, out);
    else if (command === "key") await keyCommand(rest, out);
    else if (command === "webhook") await webhookCommand(rest, out);
    else if (command === "source") await sourceCommand(rest, out);
    else if (command === "import") return await importCommand(rest, out);
    else if (command === "migrate") await migrateCommand(rest, out, (text) => process.stderr.write(text));
    else if (command === "--version" || command === "-v" || command === "version") out(`tally-collector ${version()}`);
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

process.exitCode = await main(process.argv.slice(2));
