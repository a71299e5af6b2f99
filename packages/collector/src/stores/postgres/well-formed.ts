/**
 * A flat record as JSON the server accepts: a lone UTF-16 surrogate (which no UTF-8 text can
 * hold) becomes U+FFFD, as it does in every text column the driver writes.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const whole = (text: string) => text.replace(LONE_SURROGATE, "\uFFFD");

export const wellFormed = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [whole(k), typeof v === "string" ? whole(v) : v])) as T;

/**
 * Flat records as one JSON text for `json_populate_recordset` / `json_to_recordset`: one
 * parameter for a whole slice's rows, serialised by the engine rather than value by value. A
 * lone surrogate comes out of `JSON.stringify` as a `\udXXX` escape, which the server refuses:
 * only then are the records made well formed first.
 */
export function recordsJson(records: readonly object[]): string {
  const text = JSON.stringify(records);
  return /\\ud[89a-f]/i.test(text) ? JSON.stringify(records.map(wellFormed)) : text;
}
