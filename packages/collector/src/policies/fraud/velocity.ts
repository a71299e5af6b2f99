import type { FraudRule } from "./fraud-input.js";

/** Purchases one visitor may make within `VELOCITY_WINDOW_MS` of event time before the next is marked. */
export const VELOCITY_LIMIT = 10;
export const VELOCITY_WINDOW_MS = 10 * 60_000;

/** More than 10 purchases from one visitor (user id, else anonymous id) within 10 minutes: the 11th and later fire. */
export const velocityRule = {
  name: "velocity",
  defaultSeverity: "flag",
  description: `more than ${VELOCITY_LIMIT} purchases from one visitor within ${VELOCITY_WINDOW_MS / 60_000} minutes of event time (the ${VELOCITY_LIMIT + 1}th and later)`,
  fires: ({ event, recentPurchases }) =>
    event.event_type === "purchase" &&
    (event.user_id !== null || event.anonymous_id !== null) &&
    recentPurchases() >= VELOCITY_LIMIT,
} as const satisfies FraudRule;
