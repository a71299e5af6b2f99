import type { SessionRow } from "./session-row.js";

/** One of a visitor's events as its rollup needs it, whatever its flag. */
export type HistoryEvent = Pick<
  SessionRow,
  "seq" | "ts" | "day" | "event_type" | "revenue_base" | "session_id" | "flagged" | "channel"
>;

type Packed = [number, number, number, string, number | null, string | null, number, string | null];

/**
 * A visitor's events as kept beside its rollup (`rollups` kind `h`, under the appspace's own
 * read key), in seq order: a projection step that only adds events to a visitor reads this one
 * row and appends, instead of reading the visitor's whole history from the events again. The row
 * exists exactly when the visitor has stored events.
 */
export function packHistory(events: readonly HistoryEvent[]): string {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return JSON.stringify(
    sorted.map((e): Packed => [e.seq, e.ts, e.day, e.event_type, e.revenue_base, e.session_id, e.flagged, e.channel]),
  );
}

export function unpackHistory(data: string): HistoryEvent[] {
  return (JSON.parse(data) as Packed[]).map(
    ([seq, ts, day, event_type, revenue_base, session_id, flagged, channel]) => ({
      seq,
      ts,
      day,
      event_type,
      revenue_base,
      session_id,
      flagged,
      channel,
    }),
  );
}
