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

/** The snapshot that ships with the collector. */
export const DEFAULT_RATES_FILE = fileURLToPath(new URL("../../rates/latest.json", import.meta.url));

/** Reads and checks a rates file; throws with the file's name when it is not one. */
export function readRatesFile(file: string): RatesTable {
  const table = JSON.parse(readFileSync(file, "utf8")) as RatesTable;
  if (typeof table?.base !== "string" || typeof table.rates !== "object" || table.rates === null) {
    throw new Error(`${file}: not a rates file (needs "base" and "rates")`);
  }
  for (const [code, rate] of Object.entries(table.rates)) {
    if (typeof rate !== "number" || !(rate > 0)) throw new Error(`${file}: rate for ${code} must be a positive number`);
  }
  table.rates[table.base] ??= 1;
  return table;
}

/**
 * A rates file that is re-read when it changes on disk (looked at no more than every
 * `checkEveryMs`), so an hourly job can replace it without restarting the collector. A broken
 * new file keeps the last good table in force.
 *
 * @example
 * const rates = watchRatesFile("./rates.json");
 * rates.get().rates.EUR; // 0.92
 */
export function watchRatesFile(file = DEFAULT_RATES_FILE, checkEveryMs = 5_000, clock = Date.now): RatesSource {
  let table = readRatesFile(file);
  let mtime = statSync(file).mtimeMs;
  let checkedAt = clock();
  return {
    get() {
      const now = clock();
      if (now - checkedAt < checkEveryMs) return table;
      checkedAt = now;
      try {
        const current = statSync(file).mtimeMs;
        if (current !== mtime) {
          table = readRatesFile(file);
          mtime = current;
        }
      } catch {
        // Keep converting with the last good table while the file is being replaced.
      }
      return table;
    },
  };
}

/** A fixed table, for tests and imports. */
export function staticRates(table: RatesTable): RatesSource {
  return { get: () => table };
}
