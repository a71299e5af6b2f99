/** Caps on what one event may carry; the collector answers 400 past them. */
export const LIMITS = {
  /** Events in one `/batch` request. */
  batchEvents: 100,
  /** Line items on one event. */
  items: 1000,
  /** Keys in `properties`. */
  properties: 50,
  /** Ids: event, user, anonymous, session, cart, transaction, item. */
  id: 200,
  /** Names, categories, codes and other short text. */
  text: 500,
  /** URLs, referrers, user agents, property values. */
  long: 2048,
  /** Largest amount in major units (keeps minor units a safe integer). */
  amount: 1e12,
} as const;
