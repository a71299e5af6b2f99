/**
 * A flat record as JSON the server accepts: a lone UTF-16 surrogate (which no UTF-8 text can
 * hold) becomes U+FFFD, as it does in every text column the driver writes.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const whole = (text: string) => text.replace(LONE_SURROGATE, "\uFFFD");

export const wellFormed = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [whole(k), typeof v === "string" ? whole(v) : v])) as T;
