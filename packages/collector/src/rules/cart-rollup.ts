import type { Contribution } from "./contribution.js";

/** A cart's facts on one UTC day: [day, added value, removed value, add_to_cart events, purchases]. */
export type CartDay = [number, number, number, number, number];

/** A cart over some days: open if it had an add_to_cart, completed if it also had a purchase. */
export function cartOutcome(days: readonly CartDay[]) {
  let added = 0;
  let removed = 0;
  let adds = 0;
  let purchases = 0;
  for (const d of days) (added += d[1]), (removed += d[2]), (adds += d[3]), (purchases += d[4]);
  if (adds <= 0) return undefined;
  return purchases > 0 ? { completed: true, value: 0 } : { completed: false, value: Math.max(0, added - removed) };
}

/**
 * What a cart adds to cart abandonment: a cart inside one UTC day counts the same in every range
 * that holds the day; a cart spanning days is kept whole and answered per range.
 */
export function cartContribution(cart: string, days: readonly CartDay[]): Contribution[] {
  const live = days.filter((d) => d[1] !== 0 || d[2] !== 0 || d[3] !== 0 || d[4] !== 0);
  if (live.length === 0) return [];
  if (live.length > 1) {
    const list = live.map((d) => d[0]);
    return [{ t: "spanning_carts", k: [cart], v: [Math.min(...list), Math.max(...list), JSON.stringify(live)] }];
  }
  const outcome = cartOutcome(live);
  if (!outcome) return [];
  return [{ t: "cart_totals", k: [live[0]![0]], v: outcome.completed ? [1, 0, 0] : [0, 1, outcome.value] }];
}
