import type { Db } from "./open.js";

/** Entities whose contribution to the read tables may have changed in the current projection. */
export interface Dirty {
  sessions: Set<string>;
  carts: Set<string>;
  visitors: Set<string>;
}

const pending = new WeakMap<Db, Map<number, Dirty>>();

/** The dirty entities of an appspace in this database, collected until `takeDirty`. */
export function dirtyOf(db: Db, appspace: number): Dirty {
  let byAppspace = pending.get(db);
  if (!byAppspace) pending.set(db, (byAppspace = new Map()));
  let dirty = byAppspace.get(appspace);
  if (!dirty) byAppspace.set(appspace, (dirty = { sessions: new Set(), carts: new Set(), visitors: new Set() }));
  return dirty;
}

/** Hands over everything marked so far and forgets it. */
export function takeDirty(db: Db): Map<number, Dirty> {
  const all = pending.get(db) ?? new Map<number, Dirty>();
  pending.delete(db);
  return all;
}

/** What an event touches: its session (by id), its cart and its ids as visitors. */
export function markEvent(
  db: Db,
  e: { appspace_seq: number; session_id: string | null; cart_id: string | null; user_id: string | null; anonymous_id: string | null },
): void {
  const dirty = dirtyOf(db, e.appspace_seq);
  if (e.session_id !== null) dirty.sessions.add(e.session_id);
  const cart = e.cart_id ?? e.session_id;
  if (cart !== null) dirty.carts.add(cart);
  if (e.user_id !== null) dirty.visitors.add(e.user_id);
  if (e.anonymous_id !== null) dirty.visitors.add(e.anonymous_id);
}
