/** The day ranges offered as one click; any other range is a custom start–end. */
export const PRESET_DAYS = [7, 30, 90, 365] as const;

export type Range = { days: number } | { start: string; end: string };

const ISO_DAY = /^\d{4}-\d\d-\d\d$/;
const DEFAULT: Range = { days: 30 };

const isDay = (value: string | null): value is string =>
  value !== null && ISO_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * The range a dashboard URL names: `?days=N` or `?start=…&end=…` (inclusive ISO days), the same
 * parameters the query API takes; anything else is the API's default of 30 days.
 *
 * @example
 * rangeFromSearch("?start=2026-01-01&end=2026-01-31"); // { start: "2026-01-01", end: "2026-01-31" }
 */
export function rangeFromSearch(search: string): Range {
  const params = new URLSearchParams(search);
  const start = params.get("start");
  const end = params.get("end");
  if (isDay(start) && isDay(end) && start <= end) return { start, end };
  const days = Number(params.get("days"));
  if (Number.isInteger(days) && days >= 1 && days <= 3660) return { days };
  return DEFAULT;
}

/** The query parameters of a range, for the API and for the page's own URL alike. */
export function rangeParams(range: Range): Record<string, string> {
  return "days" in range ? { days: String(range.days) } : { start: range.start, end: range.end };
}

/** `search` with the range's parameters in place of any earlier range; other parameters kept. */
export function searchWithRange(search: string, range: Range): string {
  const params = new URLSearchParams(search);
  for (const name of ["days", "start", "end"]) params.delete(name);
  for (const [name, value] of Object.entries(rangeParams(range))) params.set(name, value);
  return `?${params}`;
}

export const sameRange = (a: Range, b: Range) => JSON.stringify(rangeParams(a)) === JSON.stringify(rangeParams(b));
