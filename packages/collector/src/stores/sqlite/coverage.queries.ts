import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../queries/range.js";
import type { CoverageRow } from "../../store.js";

/** Orders in the range grouped by who reported them (`seen_by`), device and platform. */
export function coverage(db: Db, appspace: number, range: DayRange): CoverageRow[] {
  return prepared<[{ appspace: number; start: number; end: number }], CoverageRow>(
    db,
    `SELECT seen_by, device_type, platform, count(*) AS orders, coalesce(sum(revenue_base), 0) AS revenue
     FROM events WHERE appspace_seq = @appspace AND ts >= @start AND ts < @end AND event_type = 'purchase'
     GROUP BY seen_by, device_type, platform`,
  ).all({ appspace, start: range.startMs, end: range.endMs });
}
