import type { Db } from "./open.js";
import { markTouched, noneDirty, type Dirty } from "../../rules/touched-entities.js";

export type { Dirty } from "../../rules/touched-entities.js";

const pending = new WeakMap<Db, Map<number, Dirty>>();

/** The dirty entities of an appspace in this database, collected until `takeDirty`. */
export function dirtyOf(db: Db, appspace: number): Dirty {
  let byAppspace = pending.get(db);
  if (!byAppspace) pending.set(db, (byAppspace = new Map()));
  let dirty = byAppspace.get(appspace);
  if (!dirty) byAppspace.set(appspace, (dirty = noneDirty()));
  return dirty;
}

/** Hands over everything marked so far and forgets it. */
export function takeDirty(db: Db): Map<number, Dirty> {
  const all = pending.get(db) ?? new Map<number, Dirty>();
  pending.delete(db);
  return all;
}

/** Marks what an event touches (see `markTouched`) in its appspace. */
export function markEvent(
  db: Db,
  e: { appspace_seq: number; session_id: string | null; cart_id: string | null; user_id: string | null; anonymous_id: string | null },
): void {
  markTouched(dirtyOf(db, e.appspace_seq), e);
}
