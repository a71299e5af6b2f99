import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DayRange } from "../../model/time.js";
import type { SpanningEvent } from "../../rules/session-rollup.js";
import type { ChannelFacts } from "../../store.js";

type Days = { appspace: number; first: number; last: number };

/** Sessions, orders and revenue per channel of the sessions inside one day of the range; and the sessions spanning days that meet it. */
export function channelFacts(db: Db, appspace: number, range: DayRange): ChannelFacts {
  const d: Days = { appspace, first: range.startDay, last: range.endDay };
  const rows = prepared<[Days], { channel: string; sessions: number; orders: number; revenue: number }>(
    db,
    `SELECT channel, sum(sessions) AS sessions, sum(orders) AS orders, total(revenue) AS revenue FROM channel_days
     WHERE appspace_seq = @appspace AND day BETWEEN @first AND @last GROUP BY channel`,
  ).all(d);
  const spanning = prepared<[Days], { data: string }>(
    db,
    "SELECT data FROM spanning_sessions WHERE appspace_seq = @appspace AND last_day >= @first AND first_day <= @last",
  )
    .all(d)
    .map((r) => JSON.parse(r.data) as SpanningEvent[]);
  return { rows, spanning };
}
