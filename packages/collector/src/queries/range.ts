import { TallyError } from "../errors.js";
import { DAY_MS, type DayRange } from "../model/time.js";

export type { DayRange } from "../model/time.js";

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const bad = (name: string, message: string) => new TallyError(400, `query.invalid_${name}`, message);

function parseDay(name: string, value: string): number {
  const ms = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw bad(name, `${name} must be an ISO date such as 2026-01-31`);
  }
  return ms / DAY_MS;
}

/**
 * The range a query asks for: `days` (default 30, ending today), or `start` + `end` (inclusive
 * ISO dates); clamped to the appspace's retention. Only one of start/end falls back to days.
 *
 * @example
 * dayRange({ days: "7" }, now, 365); // the 7 days ending today
 */
export function dayRange(
  params: { days?: string; start?: string; end?: string },
  now: number,
  retentionDays: number,
): DayRange {
  const today = Math.floor(now / DAY_MS);
  const earliest = today - retentionDays + 1;
  let startDay: number;
  let endDay: number;
  if (params.start !== undefined && params.end !== undefined) {
    startDay = parseDay("start", params.start);
    endDay = parseDay("end", params.end);
    if (endDay < startDay) throw bad("end", "end must not be before start");
  } else {
    const days = params.days === undefined ? 30 : Number(params.days);
    if (!/^\d{1,6}$/.test(params.days ?? "30") || !Number.isInteger(days) || days < 1) {
      throw bad("days", "days must be a whole number of days, 1 or more");
    }
    endDay = today;
    startDay = today - days + 1;
  }
  startDay = Math.max(startDay, earliest);
  endDay = Math.min(endDay, today);
  const days = Math.max(0, endDay - startDay + 1);
  return { startDay, endDay, days, startMs: startDay * DAY_MS, endMs: (endDay + 1) * DAY_MS };
}

/** The ISO date of a day number. */
export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
