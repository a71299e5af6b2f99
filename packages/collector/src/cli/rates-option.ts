import { CURRENCY_PATTERN } from "@tally/schema";
import { DEFAULT_RATES_FILE, hasCurrency, RatesFileError, watchRatesFile, type RatesSource, type RatesTable } from "../currency/rates.js";
import { CliError } from "./args.js";

/** The `--rates FILE` option's file, or the snapshot shipped with the collector. */
export const ratesFileOf = (flag: unknown) => (typeof flag === "string" && flag ? flag : DEFAULT_RATES_FILE);

/** Opens the rates file for serving: a broken file is a one-line CliError naming it. */
export function openRates(file: string, log: (message: string) => void): RatesSource {
  try {
    return watchRatesFile(file, { log });
  } catch (error) {
    if (error instanceof RatesFileError) throw new CliError(`${error.message}: fix it, or leave out --rates to use the shipped snapshot`);
    throw error;
  }
}

/** Reads the rates file once, for commands that only check currencies against it. */
export function readRates(file: string): RatesTable {
  return openRates(file, () => {}).get();
}

/**
 * The currency code in upper case, when it is an ISO code the rates file can convert; otherwise
 * a CliError saying which file lacks it, so no appspace is made whose every purchase would fail.
 */
export function knownCurrency(code: string, table: RatesTable, file: string): string {
  const currency = code.toUpperCase();
  if (!CURRENCY_PATTERN.test(currency)) throw new CliError(`--currency must be an ISO 4217 code such as USD or EUR, not "${code}"`);
  if (!hasCurrency(table, currency)) {
    const where = file === DEFAULT_RATES_FILE ? "the shipped rates snapshot" : `rates file ${file}`;
    const some = Object.keys(table.rates).sort().slice(0, 8).join(", ");
    throw new CliError(`unknown currency ${currency}: ${where} has no rate for it (it has ${some}, …); check the code, or pass --rates FILE with a rate for ${currency}`);
  }
  return currency;
}
