/** Events in one `/batch` request (the ingest contract's "Maximum 100 events per batch"). */
export const MAX_BATCH_EVENTS = 100;
/** Names, categories, codes, titles and other short text. */
export const MAX_TEXT = 500;
/** URLs, referrers, user agents, property values. */
export const MAX_LONG_TEXT = 2048;
/** A BCP 47 locale such as `en-US`. */
export const MAX_LOCALE = 35;
/** Days an event may wait in the browser's outbox before the SDK gives it up (counted as expired). */
export const OUTBOX_DAYS = 7;
/**
 * Days a publishable key may back-date an event: the outbox's life plus a day of margin, so that
 * an event the SDK still holds is always accepted.
 */
export const PUBLISHABLE_BACKDATE_DAYS = OUTBOX_DAYS + 1;

/** Caps on what one event may carry; the collector answers 400 past them. */
export const LIMITS = {
  /** Events in one `/batch` request. */
  batchEvents: MAX_BATCH_EVENTS,
  /** Line items on one event. */
  items: 1000,
  /** Keys in `properties`. */
  properties: 50,
  /** Ids: event, user, anonymous, session, cart, transaction, item. */
  id: 200,
  /** Names, categories, codes and other short text. */
  text: MAX_TEXT,
  /** URLs, referrers, user agents, property values. */
  long: MAX_LONG_TEXT,
  /**
   * Largest amount in major units, whatever the currency; `MAX_MINOR_UNITS` is the bound that
   * counts, checked per currency by `boundsProblem`.
   */
  amount: 1e13,
  /** Largest quantity of one line item. */
  quantity: 1_000_000,
} as const;

/**
 * Largest amount, line total (price × quantity) and event total in minor units of its currency
 * (10^11 major units in a two-digit currency): a retention's worth of maximal events still sums
 * far below 2^63.
 */
export const MAX_MINOR_UNITS = 1e13;
