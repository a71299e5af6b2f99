import type { Tx } from "./connect.js";
import { withChannel, type SessionRow } from "../../rules/session-row.js";
import type { CartDay } from "../../rules/cart-rollup.js";

// A visitor: the user id when known, else the anonymous id resolved through identities.
const VISITOR_COLUMNS = `e.seq, e.ts, e.day, e.event_type, e.campaign, e.source, e.medium, e.revenue_base, e.session_id,
  e.user_id, e.anonymous_id, e.flagged, COALESCE(e.user_id, idn.user_id, e.anonymous_id) AS visitor`;
const JOIN_IDENTITY =
  "LEFT JOIN identities idn ON idn.appspace_seq = e.appspace_seq AND idn.anonymous_id = e.anonymous_id";

/** Every event of each of these session ids, flagged ones included, by session. */
export async function sessionsEvents(
  tx: Tx,
  appspace: number,
  ids: readonly string[],
): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await tx.unsafe<Omit<SessionRow, "channel">[]>(
    `SELECT ${VISITOR_COLUMNS} FROM events e ${JOIN_IDENTITY}
     WHERE e.appspace_seq = $1 AND e.session_id = ANY($2::text[]) ORDER BY e.seq`,
    [appspace, ids as string[]],
    { prepare: true },
  );
  for (const row of withChannel(rows)) out.get(row.session_id!)!.push(row);
  return out;
}

/** Every event whose visitor is one of `visitors` now (its user id, its stitched anonymous ids, or itself), flagged ones included, by visitor. */
export async function visitorsEvents(
  tx: Tx,
  appspace: number,
  visitors: readonly string[],
): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>(visitors.map((v) => [v, []]));
  if (visitors.length === 0) return out;
  const rows = await tx.unsafe<Omit<SessionRow, "channel">[]>(
    `SELECT ${VISITOR_COLUMNS} FROM events e ${JOIN_IDENTITY}
     WHERE e.appspace_seq = $1 AND e.seq IN (SELECT seq FROM events WHERE appspace_seq = $1 AND user_id = ANY($2::text[])
                     UNION SELECT seq FROM events WHERE appspace_seq = $1 AND anonymous_id = ANY($2::text[])
                     UNION SELECT s.seq FROM identities i JOIN events s ON s.appspace_seq = i.appspace_seq AND s.anonymous_id = i.anonymous_id
                       WHERE i.appspace_seq = $1 AND i.user_id = ANY($2::text[]))
     ORDER BY e.seq`,
    [appspace, visitors as string[]],
    { prepare: true },
  );
  for (const row of withChannel(rows)) out.get(row.visitor!)?.push(row);
  return out;
}

/** Each cart's days under a read key, oldest first. */
export async function cartsDays(tx: Tx, appspace: number, carts: readonly string[]): Promise<Map<string, CartDay[]>> {
  const out = new Map<string, CartDay[]>(carts.map((c) => [c, []]));
  if (carts.length === 0) return out;
  const rows = await tx<
    { cart: string; day: number; added: number; removed: number; adds: number; purchases: number }[]
  >`
    SELECT cart, day, added, removed, adds, purchases FROM cart_days
    WHERE appspace_seq = ${appspace} AND cart = ANY(${carts as string[]}::text[]) ORDER BY cart, day`;
  for (const r of rows) out.get(r.cart)!.push([r.day, r.added, r.removed, r.adds, r.purchases]);
  return out;
}

/** The user id each of these anonymous ids was stitched to, where one was. */
export async function stitchedUsers(tx: Tx, appspace: number, anonymousIds: readonly string[]): Promise<string[]> {
  if (anonymousIds.length === 0) return [];
  const rows = await tx<{ user_id: string }[]>`
    SELECT DISTINCT user_id FROM identities WHERE appspace_seq = ${appspace} AND anonymous_id = ANY(${anonymousIds as string[]}::text[])`;
  return rows.map((r) => r.user_id);
}
