import { minorDigits } from "@tally/schema";
import type { RatesTable } from "./rates.js";

/** Units of `to` per unit of `from`, or undefined when either currency is unknown. */
export function rateBetween(table: RatesTable, from: string, to: string): number | undefined {
  if (from === to) return 1;
  const a = table.rates[from];
  const b = table.rates[to];
  return a && b ? b / a : undefined;
}

/** Minor units of `from` to minor units of `to` at `rate`, rounded to `to`'s own digits. */
export function convertMinor(minor: number, from: string, to: string, rate: number): number {
  if (from === to) return minor;
  const major = (minor / 10 ** minorDigits(from)) * rate;
  return Math.round(Number((major * 10 ** minorDigits(to)).toPrecision(15)));
}
