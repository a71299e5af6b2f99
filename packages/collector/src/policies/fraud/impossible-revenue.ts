import type { FraudRule } from "./fraud-input.js";

/** A purchase above the appspace's max order value, or whose items sum to more than twice its revenue. */
export const impossibleRevenueRule = {
  name: "impossible_revenue",
  defaultSeverity: "flag",
  description:
    "a purchase whose revenue is above --max-order-value, or whose items (price × quantity) sum to more than twice its revenue",
  fires: ({ event, settings }) => {
    if (event.event_type !== "purchase" || event.revenue_base === null) return false;
    if (settings.maxOrderValue !== null && event.revenue_base > settings.maxOrderValue) return true;
    return event.subtotal_base !== null && event.subtotal_base > 2 * event.revenue_base;
  },
} as const satisfies FraudRule;
