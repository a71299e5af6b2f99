import type { EcommerceEvent } from "./event.schema.js";
import { MAX_MINOR_UNITS } from "./limits.js";
import { fromMinor, minorDigits } from "./money.js";

const AMOUNTS = ["revenue", "discount", "shipping", "tax"] as const;

/** `MAX_MINOR_UNITS` in major units of `currency`: `100000000000` for USD, `10000000000000` for JPY. */
export function maxAmount(currency: string): number {
  return fromMinor(MAX_MINOR_UNITS, currency);
}

const tooLarge = (what: string, currency: string) =>
  `${what} must be at most ${maxAmount(currency)} (10^13 minor units of ${currency})`;

/**
 * The first value of a validated event beyond `MAX_MINOR_UNITS` of its currency — an amount, a
 * line total (price × quantity) or the event's total (its revenue, and the sum of its line totals)
 * — as a message naming the field; `undefined` when all are within. `currency` is the event's
 * currency once defaults apply (the appspace's when the event names none).
 *
 * @example
 * boundsProblem({ event_type: "purchase", transaction_id: "o", revenue: 2e11 }, "USD");
 * // "revenue must be at most 100000000000 (10^13 minor units of USD)"
 */
export function boundsProblem(event: EcommerceEvent, currency: string): string | undefined {
  const limit = (amount: number, of: string) => amount * 10 ** minorDigits(of) > MAX_MINOR_UNITS;
  for (const field of AMOUNTS) {
    const amount = event[field];
    if (amount !== undefined && limit(amount, currency)) return tooLarge(field, currency);
  }
  let total = 0;
  const items = event.items ?? [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const own = item.currency ?? currency;
    if (item.price !== undefined && limit(item.price, own)) return tooLarge(`items[${i}].price`, own);
    if (item.discount !== undefined && limit(item.discount, own)) return tooLarge(`items[${i}].discount`, own);
    if (item.price === undefined) continue;
    const line = item.price * (item.quantity ?? 1);
    if (limit(line, own)) return tooLarge(`items[${i}]: price × quantity`, own);
    total += line * 10 ** minorDigits(own);
  }
  if (total > MAX_MINOR_UNITS) return tooLarge("items: the sum of price × quantity", currency);
  return undefined;
}
