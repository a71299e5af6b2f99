#!/usr/bin/env -S node --max-old-space-size=64 --max-semi-space-size=8
// The heap caps keep the collector inside its memory budget: without them V8 lets a busy heap
// grow far past what ingest needs before collecting (run with `node` directly to lift them).
// The projector's worker thread has caps of its own (projector/worker-projector.ts).
import { appspaceCommand } from "./cli/appspace.command.js";
import { UsageError } from "./cli/args.js";
import { ImportError, importCommand } from "./cli/import.command.js";
import { keyCommand } from "./cli/key.command.js";
import { serveCommand } from "./cli/serve.command.js";

const USAGE = `tally-collector — Tally's collector: one process, one SQLite file.

Usage:
  tally-collector serve [--db FILE] [--port N] [--host H] [--rates FILE] [--country-header NAME]
  tally-collector appspace create|list …
  tally-collector key create|list|revoke …
  tally-collector import --appspace ID [--format helloretail|csv|jsonl] SOURCE

Run a command with --help for its options.`;

const out = (line: string) => console.log(line);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "serve") await serveCommand(rest, out);
    else if (command === "appspace") await appspaceCommand(rest, out);
    else if (command === "key") await keyCommand(rest, out);
    else if (command === "import") return await importCommand(rest, out);
    else if (command === undefined || command === "--help" || command === "-h" || command === "help") out(USAGE);
    else throw new UsageError(`Unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`tally-collector import: ${error.message}`);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`tally-collector: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
