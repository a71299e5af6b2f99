import { minorDigits } from "@tally/schema";

/** Minor units (possibly fractional, as in a linear split) to major units, rounded to the currency's digits. */
export function money(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return Number((Math.round(Number(minor.toPrecision(15))) / 10 ** digits).toFixed(digits));
}

/** A percentage or rate to one decimal; 0 when the denominator is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
