import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how a command was called: printed with that command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Something an operator has to fix before the command can run (a busy port, a database that
 * cannot be opened, a bad rates file): printed as one line, exit code 1. The message names the
 * thing and says what to do.
 */
export class CliError extends Error {
  override name = "CliError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `argv` against `options`, turning unknown flags and missing values into a UsageError. */
export function parseFlags<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: false,
      strict: true,
    }).values as unknown as Record<keyof T | "help", string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || !value) throw new UsageError(`--${name} is required`);
  return value;
}

export function port(value: string | undefined, fallback: number, flag = "--port"): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!value.trim() || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${flag} must be a number from 0 to 65535, not "${value}"`);
  return n;
}

/** The database every command defaults to: `TALLY_DB` (a file or a `postgres://…` URL), else `./tally.db`. */
export const DEFAULT_DB = process.env.TALLY_DB || "./tally.db";
