import type { PurchaseRef } from "./ledger.js";

type Ref = Omit<PurchaseRef, "seq">;

/**
 * The stored purchases of the visitors a slice names, kept up to date as the slice stores and
 * merges purchases: what the order index and the velocity rule count, without a query per event.
 */
export class PurchaseIndex {
  private refs = new Map<string, Ref>();
  private byUser = new Map<string, Set<string>>();
  private byAnonymous = new Map<string, Set<string>>();

  constructor(stored: readonly PurchaseRef[]) {
    for (const p of stored) this.put(`s${p.seq}`, p);
  }

  /** Adds or replaces a purchase under an id (`s<seq>` for a stored one, anything unique for a new one). */
  put(id: string, ref: Ref): void {
    const old = this.refs.get(id);
    if (old) {
      if (old.user_id !== null) this.byUser.get(old.user_id)?.delete(id);
      if (old.anonymous_id !== null) this.byAnonymous.get(old.anonymous_id)?.delete(id);
    }
    const copy = {
      ts: ref.ts,
      user_id: ref.user_id,
      anonymous_id: ref.anonymous_id,
      transaction_id: ref.transaction_id,
    };
    this.refs.set(id, copy);
    if (copy.user_id !== null) setOf(this.byUser, copy.user_id).add(id);
    if (copy.anonymous_id !== null) setOf(this.byAnonymous, copy.anonymous_id).add(id);
  }

  /** Purchases of a user id, or of an anonymous id (all of them, whatever their user id). */
  private of(by: "user" | "anonymous", id: string): Ref[] {
    const ids = (by === "user" ? this.byUser : this.byAnonymous).get(id);
    return ids ? [...ids].map((i) => this.refs.get(i)!) : [];
  }

  /**
   * How many purchases the visitor made at or before `ts`: a user's own and those of the
   * anonymous ids stitched to it that carry no user id; an anonymous visitor's without a user id.
   */
  countUpTo(visitor: { userId?: string; anonymousId?: string }, stitched: Iterable<string>, ts: number): number {
    if (visitor.userId !== undefined) {
      let n = this.of("user", visitor.userId).filter((p) => p.ts <= ts).length;
      for (const anonymous of stitched)
        n += this.of("anonymous", anonymous).filter((p) => p.user_id === null && p.ts <= ts).length;
      return n;
    }
    if (visitor.anonymousId === undefined) return 0;
    return this.of("anonymous", visitor.anonymousId).filter((p) => p.user_id === null && p.ts <= ts).length;
  }

  /** Purchases of the event's visitor (its user id, else its anonymous id) in (ts − windowMs, ts], other orders only. */
  recent(
    event: { user_id: string | null; anonymous_id: string | null; ts: number; transaction_id: string | null },
    windowMs: number,
  ): number {
    const list =
      event.user_id !== null
        ? this.of("user", event.user_id)
        : event.anonymous_id !== null
          ? this.of("anonymous", event.anonymous_id)
          : [];
    return list.filter(
      (p) => p.ts > event.ts - windowMs && p.ts <= event.ts && p.transaction_id !== event.transaction_id,
    ).length;
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
