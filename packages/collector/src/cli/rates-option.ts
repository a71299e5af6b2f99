import { CURRENCY_PATTERN } from "@tally/schema";
import type { CollectorAssets } from "../assets/collector-assets.js";
import {
  hasCurrency,
  RatesFileError,
  staticRates,
  watchRatesFile,
  type RatesSource,
  type RatesTable,
} from "../currency/rates.js";
import { CliError } from "./args.js";

/** The rates a command converts with: `--rates FILE`, or the snapshot shipped with the collector. */
export interface RatesChoice {
  /** How messages name it: `rates file FILE` or `the shipped rates snapshot`. */
  label: string;
  /** The rates for serving: a file is re-read when it changes; a broken one is a one-line CliError. */
  open(log: (message: string) => void): RatesSource;
  /** The table as it is now, for commands that only check currencies against it. */
  read(): RatesTable;
}

/** The `--rates FILE` option's choice, or the shipped snapshot when it is not given. */
export function ratesChoice(flag: unknown, assets: CollectorAssets): RatesChoice {
  if (typeof flag === "string" && flag) {
    return {
      label: `rates file ${flag}`,
      open: (log) => openRates(flag, log),
      read: () => openRates(flag, () => {}).get(),
    };
  }
  return {
    label: "the shipped rates snapshot",
    open: () => staticRates(assets.ratesSnapshot()),
    read: () => assets.ratesSnapshot(),
  };
}

function openRates(file: string, log: (message: string) => void): RatesSource {
  try {
    return watchRatesFile(file, { log });
  } catch (error) {
    if (error instanceof RatesFileError)
      throw new CliError(`${error.message}: fix it, or leave out --rates to use the shipped snapshot`);
    throw error;
  }
}

/**
 * The currency code in upper case, when it is an ISO code the rates can convert; otherwise a
 * CliError saying which rates lack it, so no appspace is made whose every purchase would fail.
 */
export function knownCurrency(code: string, rates: RatesChoice): string {
  const currency = code.toUpperCase();
  if (!CURRENCY_PATTERN.test(currency))
    throw new CliError(`--currency must be an ISO 4217 code such as USD or EUR, not "${code}"`);
  const table = rates.read();
  if (!hasCurrency(table, currency)) {
    const some = Object.keys(table.rates).sort().slice(0, 8).join(", ");
    throw new CliError(
      `unknown currency ${currency}: ${rates.label} has no rate for it (it has ${some}, …); check the code, or pass --rates FILE with a rate for ${currency}`,
    );
  }
  return currency;
}
