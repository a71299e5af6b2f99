import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Exchange rates in Open Exchange Rates' `latest.json` shape: units of each currency per `base`. */
export interface RatesTable {
  base: string;
  timestamp: number;
  rates: Record<string, number>;
}

/** Where the rates come from; `get()` always answers the table in force now. */
export interface RatesSource {
  get(): RatesTable;
}

/** A rates file that cannot be used; the message names the file and what is wrong with it. */
export class RatesFileError extends Error {
  override name = "RatesFileError";
}

/** The snapshot that ships with the collector. */
export const DEFAULT_RATES_FILE = fileURLToPath(new URL("../../rates/latest.json", import.meta.url));

/** Reads and checks a rates file; throws a RatesFileError naming the file when it is not one. */
export function readRatesFile(file: string): RatesTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new RatesFileError(`rates file ${file}: ${why}`);
  }
  return parseRates(text, `rates file ${file}`);
}

/** Reads and checks rates in `latest.json`'s shape from text; errors name the text as `name` says. */
export function parseRates(text: string, name: string): RatesTable {
  let table: RatesTable;
  try {
    table = JSON.parse(text) as RatesTable;
  } catch (error) {
    throw new RatesFileError(`${name} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof table?.base !== "string" || typeof table.rates !== "object" || table.rates === null) {
    throw new RatesFileError(
      `${name} is not a rates file (it needs "base" and "rates", as Open Exchange Rates' latest.json has)`,
    );
  }
  for (const [code, rate] of Object.entries(table.rates)) {
    if (typeof rate !== "number" || !(rate > 0))
      throw new RatesFileError(`${name}: the rate for ${code} must be a positive number`);
  }
  table.rates[table.base] ??= 1;
  return table;
}

export interface WatchOptions {
  /** How often, at most, the file's modification time is looked at. */
  checkEveryMs?: number;
  clock?: () => number;
  /** Told when a changed file cannot be used (the last good table stays) and when it is good again. */
  log?: (message: string) => void;
}

/**
 * A rates file that is re-read when it changes on disk (looked at no more than every
 * `checkEveryMs`), so an hourly job can replace it without restarting the collector. A broken
 * new file keeps the last good table in force, and is reported once per change.
 *
 * @example
 * const rates = watchRatesFile("./rates.json", { log: console.error });
 * rates.get().rates.EUR; // 0.92
 */
export function watchRatesFile(file = DEFAULT_RATES_FILE, options: WatchOptions = {}): RatesSource {
  const { checkEveryMs = 5_000, clock = Date.now, log = () => {} } = options;
  let table = readRatesFile(file);
  let seen = statSync(file).mtimeMs;
  let broken = false;
  let checkedAt = clock();
  const stamp = () => new Date(table.timestamp * 1000).toISOString();
  return {
    get() {
      const now = clock();
      if (now - checkedAt < checkEveryMs) return table;
      checkedAt = now;
      let mtime: number;
      try {
        mtime = statSync(file).mtimeMs;
      } catch {
        // Replaced by rename: the new file is there at the next look.
        return table;
      }
      if (mtime === seen) return table;
      seen = mtime;
      try {
        table = readRatesFile(file);
        if (broken) log(`rates: ${file} is good again; now using its rates of ${stamp()}`);
        broken = false;
      } catch (error) {
        broken = true;
        log(`rates: ${(error as Error).message}; still using the last good rates (of ${stamp()})`);
      }
      return table;
    },
  };
}

/** A fixed table, for tests and imports. */
export function staticRates(table: RatesTable): RatesSource {
  return { get: () => table };
}

/** Whether the table can convert `currency` (an ISO 4217 code): it has a rate for it. */
export function hasCurrency(table: RatesTable, currency: string): boolean {
  return table.rates[currency] !== undefined;
}
