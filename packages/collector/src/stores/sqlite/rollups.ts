import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { READ_TABLES, type Contribution } from "../../rules/contribution.js";
import { sessionContribution } from "../../rules/session-rollup.js";
import { cartContribution, type CartDay } from "../../rules/cart-rollup.js";
import { visitorContribution } from "../../rules/visitor-rollup.js";
import { applyContributions } from "./read-tables.queries.js";
import { takeDirty, type Dirty } from "./dirty.js";
import { stitchedUser } from "./events.queries.js";
import { sessionEvents, visitorInput, type SessionRow } from "./entity-events.queries.js";
import { ofReadKey } from "../../rules/read-key.js";

/** Replaces what an entity adds to the read tables: the old contribution taken back, the new one added. */
function replaceRollup(db: Db, appspace: number, kind: string, key: string, rows: Contribution[]): void {
  const data = JSON.stringify(rows);
  const old = prepared<unknown[], { data: string }>(db, "SELECT data FROM rollups WHERE appspace_seq = ? AND kind = ? AND key = ?").get(appspace, kind, key);
  if ((old?.data ?? "[]") === data) return;
  applyContributions(db, appspace, difference(old ? (JSON.parse(old.data) as Contribution[]) : [], rows), 1);
  if (rows.length === 0) prepared(db, "DELETE FROM rollups WHERE appspace_seq = ? AND kind = ? AND key = ?").run(appspace, kind, key);
  else prepared(db, "INSERT OR REPLACE INTO rollups (appspace_seq, kind, key, data) VALUES (?, ?, ?, ?)").run(appspace, kind, key, data);
}

/**
 * What turns the tables from `before` to `after`: additive rows summed per key (new minus old,
 * unchanged ones dropped), keyed rows deleted or written only where they changed. An entity
 * recomputed after one more event mostly adds what it added before, so most rows drop out.
 */
function difference(before: Contribution[], after: Contribution[]): Contribution[] {
  const keyOf = (r: Contribution) => `${r.t}\u0000${JSON.stringify(r.k)}`;
  const sums = new Map<string, Contribution>();
  const add = (r: Contribution, sign: 1 | -1) => {
    const key = keyOf(r);
    const sum = sums.get(key);
    if (sum) r.v.forEach((v, i) => (sum.v[i] = (sum.v[i] as number) + sign * (v as number)));
    else sums.set(key, { t: r.t, k: r.k, v: r.v.map((v) => sign * (v as number)) });
  };
  const out: Contribution[] = [];
  const kept = new Map<string, string>();
  for (const r of before) {
    if (READ_TABLES[r.t].additive) add(r, -1);
    else kept.set(keyOf(r), JSON.stringify(r.v));
  }
  const written = new Set<string>();
  for (const r of after) {
    if (READ_TABLES[r.t].additive) add(r, 1);
    else {
      const key = keyOf(r);
      written.add(key);
      if (kept.get(key) !== JSON.stringify(r.v)) out.push({ ...r, v: r.v });
    }
  }
  for (const r of before) if (!READ_TABLES[r.t].additive && !written.has(keyOf(r))) out.push({ t: r.t, k: r.k, v: [], drop: true });
  for (const r of sums.values()) if (r.v.some((v) => v !== 0)) out.push(r);
  return out;
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
