export const FUNNEL_STEPS = ["view_item", "add_to_cart", "view_cart", "begin_checkout", "add_payment_info", "purchase"] as const;

/**
 * The closed, ordered funnel as an automaton: `stage` is how many steps a visitor has done in
 * order; an event of the next step's type advances it. Fed a visitor's events in time order,
 * it finds the earliest completion of each step, which is what counts.
 */
export function nextStage(stage: number, eventType: string): number {
  return stage < FUNNEL_STEPS.length && eventType === FUNNEL_STEPS[stage] ? stage + 1 : stage;
}
