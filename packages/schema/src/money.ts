const digitsCache = new Map<string, number>();

/**
 * How many minor digits a currency has (JPY 0, USD 2, KWD 3), as `Intl` knows them.
 * Throws a `RangeError` for a string that is not a well-formed ISO 4217 code.
 *
 * @example
 * minorDigits("KWD"); // 3
 */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * An amount in major units to an integer of minor units, rounded half away from zero.
 *
 * @example
 * toMinor(49.99, "USD"); // 4999
 * toMinor(1500, "JPY"); // 1500
 */
export function toMinor(amount: number, currency: string): number {
  const scaled = amount * 10 ** minorDigits(currency);
  // 49.99 * 100 is 4998.999…: round the float error away before rounding the amount.
  return Math.sign(scaled) * Math.round(Math.abs(Number(scaled.toPrecision(15))));
}

/**
 * Integer minor units back to major units.
 *
 * @example
 * fromMinor(4999, "USD"); // 49.99
 */
export function fromMinor(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
}

/** A well-formed currency code: three ASCII capitals. Whether Tally knows its rate is the collector's call. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
