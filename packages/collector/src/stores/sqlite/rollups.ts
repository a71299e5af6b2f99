import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { contributionDifference, type Contribution } from "../../rules/contribution.js";
import { sessionContribution } from "../../rules/session-rollup.js";
import { cartContribution, type CartDay } from "../../rules/cart-rollup.js";
import { visitorContribution } from "../../rules/visitor-rollup.js";
import { applyContributions } from "./read-tables.queries.js";
import { takeDirty, type Dirty } from "./dirty.js";
import { stitchedUser } from "./events.queries.js";
import { sessionEvents, visitorInput, type SessionRow } from "./entity-events.queries.js";
import { ofReadKey } from "../../model/read-key.js";

/** Replaces what an entity adds to the read tables: the old contribution taken back, the new one added. */
function replaceRollup(db: Db, appspace: number, kind: string, key: string, rows: Contribution[]): void {
  const data = JSON.stringify(rows);
  const old = prepared<unknown[], { data: string }>(db, "SELECT data FROM rollups WHERE appspace_seq = ? AND kind = ? AND key = ?").get(appspace, kind, key);
  if ((old?.data ?? "[]") === data) return;
  applyContributions(db, appspace, contributionDifference(old ? (JSON.parse(old.data) as Contribution[]) : [], rows), 1);
  if (rows.length === 0) prepared(db, "DELETE FROM rollups WHERE appspace_seq = ? AND kind = ? AND key = ?").run(appspace, kind, key);
  else prepared(db, "INSERT OR REPLACE INTO rollups (appspace_seq, kind, key, data) VALUES (?, ?, ?, ?)").run(appspace, kind, key, data);
}

function cartDays(db: Db, appspace: number, cart: string): CartDay[] {
  return prepared<unknown[], CartDay>(
    db,
    // Named: ordered by day, the planner would rather walk the whole table in day order.
    "SELECT day, added, removed, adds, purchases FROM cart_days INDEXED BY cart_days_by_cart WHERE appspace_seq = ? AND cart = ?",
  ).raw().all(appspace, cart) as CartDay[];
}

/**
 * Brings every entity marked dirty since the last call up to date, inside the caller's
 * transaction: sessions (and the visitors in them), carts, then visitors (an anonymous id
 * stitched to a user makes that user dirty too).
 */
export function settleRollups(db: Db): void {
  for (const [appspace, dirty] of takeDirty(db)) settleAppspace(db, appspace, dirty);
}

function settleAppspace(db: Db, appspace: number, dirty: Dirty): void {
  for (const key of [appspace, -appspace]) settleReadKey(db, key, dirty);
}

/** The entities' rollups under one read key: every event, or unflagged events only (see `rules/read-key.ts`). */
function settleReadKey(db: Db, key: number, dirty: Dirty): void {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  const sessions = new Map<string, SessionRow[]>();
  const sessionOf = (id: string) => {
    let rows = sessions.get(id);
    if (!rows) sessions.set(id, (rows = sessionEvents(db, appspace, id, unflaggedOnly)));
    return rows;
  };
  for (const id of dirty.sessions) {
    const rows = sessionOf(id);
    replaceRollup(db, key, "s", id, sessionContribution(id, rows));
    for (const r of rows) {
      if (r.user_id !== null) dirty.visitors.add(r.user_id);
      if (r.anonymous_id !== null) dirty.visitors.add(r.anonymous_id);
    }
  }
  for (const cart of dirty.carts) replaceRollup(db, key, "c", cart, cartContribution(cart, cartDays(db, key, cart)));
  for (const id of [...dirty.visitors]) {
    const user = stitchedUser(db, appspace, id);
    if (user !== undefined) dirty.visitors.add(user);
  }
  for (const visitor of dirty.visitors) {
    replaceRollup(db, key, "v", visitor, visitorContribution(visitorInput(db, appspace, visitor, sessions, unflaggedOnly)));
  }
}
