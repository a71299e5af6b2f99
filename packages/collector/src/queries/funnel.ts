import type { Db } from "../db/open.js";
import { funnelEvents } from "./behaviour.queries.js";
import type { DayRange } from "./range.js";
import { percent } from "./rounding.js";

export const FUNNEL_STEPS = ["view_item", "add_to_cart", "view_cart", "begin_checkout", "add_payment_info", "purchase"] as const;

/**
 * A closed, ordered funnel: a visitor counts at a step when they did it at or after doing every
 * earlier step, inside the range. Walking each visitor's events in time order and advancing on
 * the next expected step finds the earliest completion of each step, which is what counts.
 */
export function funnel(db: Db, appspace: number, range: DayRange) {
  const counts: number[] = FUNNEL_STEPS.map(() => 0);
  let visitor: string | undefined;
  let stage = 0;
  for (const row of funnelEvents(db, appspace, range)) {
    if (row.visitor !== visitor) {
      visitor = row.visitor;
      stage = 0;
    }
    if (stage < FUNNEL_STEPS.length && row.event_type === FUNNEL_STEPS[stage]) counts[stage++]! += 1;
  }
  return FUNNEL_STEPS.map((name, i) => ({
    name,
    count: counts[i]!,
    percentage: i === 0 ? 100 : percent(counts[i]!, counts[i - 1]!),
  }));
}
