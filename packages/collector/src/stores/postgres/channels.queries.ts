import type { Tx } from "./connect.js";
import type { DayRange } from "../../model/time.js";
import type { SpanningEvent } from "../../rules/session-rollup.js";
import type { ChannelFacts } from "../../store.js";

/** Sessions, orders and revenue per channel of the sessions inside one day of the range; and the sessions spanning days that meet it. */
export async function channelFacts(tx: Tx, appspace: number, range: DayRange): Promise<ChannelFacts> {
  const rows = await tx<ChannelFacts["rows"]>`
    SELECT channel, sum(sessions) AS sessions, sum(orders) AS orders, sum(revenue) AS revenue FROM channel_days
    WHERE appspace_seq = ${appspace} AND day BETWEEN ${range.startDay} AND ${range.endDay} GROUP BY channel`;
  const spanning = await tx<{ data: string }[]>`
    SELECT data FROM spanning_sessions WHERE appspace_seq = ${appspace} AND last_day >= ${range.startDay} AND first_day <= ${range.endDay}`;
  return { rows: [...rows], spanning: spanning.map((r) => JSON.parse(r.data) as SpanningEvent[]) };
}
