import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../model/time.js";
import type { CoverageRow } from "../../store.js";
import { ofReadKey } from "../../model/read-key.js";

/** Orders in the range grouped by who reported them (`seen_by`), device, platform, server source and browser door. */
export function coverage(db: Db, key: number, range: DayRange): CoverageRow[] {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  return prepared<[{ appspace: number; start: number; end: number; unflagged: number }], CoverageRow>(
    db,
    `SELECT seen_by, device_type, platform, server_door, client_door, count(*) AS orders, total(revenue_base) AS revenue
     FROM events WHERE appspace_seq = @appspace AND ts >= @start AND ts < @end AND event_type = 'purchase'
       AND (@unflagged = 0 OR flagged = 0)
     GROUP BY seen_by, device_type, platform, server_door, client_door`,
  ).all({ appspace, start: range.startMs, end: range.endMs, unflagged: unflaggedOnly ? 1 : 0 });
}
