import type { Tx } from "./connect.js";
import { ReadTableWrites } from "./read-tables.js";
import { markTouched, noneDirty, type Dirty } from "../../rules/touched-entities.js";

/**
 * One transaction's projection state: the transaction, the entities it made dirty (by
 * appspace) and the read-table writes it gathered.
 */
export class Projection {
  readonly dirty = new Map<number, Dirty>();
  readonly writes = new ReadTableWrites();
  constructor(readonly tx: Tx) {}

  dirtyOf(appspace: number): Dirty {
    let dirty = this.dirty.get(appspace);
    if (!dirty) this.dirty.set(appspace, (dirty = noneDirty()));
    return dirty;
  }

  /** A projection for one inbox entry inside this one's transaction (on a savepoint), absorbed once the entry applied. */
  child(tx: Tx): Projection {
    return new Projection(tx);
  }

  absorb(child: Projection): void {
    this.writes.absorb(child.writes);
    for (const [appspace, d] of child.dirty) {
      const dirty = this.dirtyOf(appspace);
      for (const s of d.sessions) dirty.sessions.add(s);
      for (const c of d.carts) dirty.carts.add(c);
      for (const v of d.visitors) dirty.visitors.add(v);
    }
  }

  /** Marks what an event touches (see `markTouched`) in its appspace. */
  mark(e: { appspace_seq: number; session_id: string | null; cart_id: string | null; user_id: string | null; anonymous_id: string | null }): void {
    markTouched(this.dirtyOf(e.appspace_seq), e);
  }
}
