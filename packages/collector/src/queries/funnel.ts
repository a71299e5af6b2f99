import { FUNNEL_STEPS } from "../rules/funnel.js";
import type { Store } from "../store.js";
import type { DayRange } from "./range.js";
import { percent } from "./rounding.js";

/**
 * A closed, ordered funnel: a visitor counts at a step when they did it at or after doing every
 * earlier step, inside the range; percentage = count / previous count × 100 (first = 100).
 */
export async function funnel(store: Store, appspace: number, range: DayRange) {
  const counts = await store.funnelCounts(appspace, range);
  return FUNNEL_STEPS.map((name, i) => ({
    name,
    count: counts[i]!,
    percentage: i === 0 ? 100 : percent(counts[i]!, counts[i - 1]!),
  }));
}
