import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { withChannel, type SessionRow } from "../../rules/session-row.js";
import { JOIN_IDENTITY, VISITOR } from "./visitor.js";

const COLUMNS = `e.seq, e.ts, e.day, e.event_type, e.campaign, e.source, e.medium, e.revenue_base, e.session_id, e.user_id, e.anonymous_id,
  e.flagged, ${VISITOR} AS visitor`;

/** Every event of a session id, flagged ones included. */
export function sessionEvents(db: Db, appspace: number, sessionId: string): SessionRow[] {
  return withChannel(
    prepared<unknown[], Omit<SessionRow, "channel">>(
      db,
      `SELECT ${COLUMNS} FROM events e ${JOIN_IDENTITY} WHERE e.appspace_seq = ? AND e.session_id = ?`,
    ).all(appspace, sessionId),
  );
}

/** Every event whose visitor is `visitor` now (its user id, its anonymous ids stitched to it, or itself as an anonymous id), flagged ones included. */
export function visitorEvents(db: Db, appspace: number, visitor: string): SessionRow[] {
  const rows = prepared<[{ appspace: number; visitor: string }], Omit<SessionRow, "channel">>(
    db,
    `SELECT ${COLUMNS} FROM events e ${JOIN_IDENTITY}
     WHERE e.seq IN (SELECT seq FROM events WHERE appspace_seq = @appspace AND user_id = @visitor
                     UNION SELECT seq FROM events WHERE appspace_seq = @appspace AND anonymous_id = @visitor
                     UNION SELECT s.seq FROM identities i CROSS JOIN events s ON s.appspace_seq = i.appspace_seq AND s.anonymous_id = i.anonymous_id
                       WHERE i.appspace_seq = @appspace AND i.user_id = @visitor)`,
  ).all({ appspace, visitor });
  return withChannel(rows.filter((r) => r.visitor === visitor));
}
