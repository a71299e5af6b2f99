import { contributionDifference, type Contribution } from "../rules/contribution.js";
import { sessionContribution } from "../rules/session-rollup.js";
import { cartContribution } from "../rules/cart-rollup.js";
import { sessionsOfEvents, visitorContribution } from "../rules/visitor-rollup.js";
import { ofReadKey, readKey } from "../model/read-key.js";
import type { SessionRow } from "../rules/session-row.js";
import { markTouched, noneDirty, type Dirty } from "../rules/touched-entities.js";
import type { ReadTableWrites } from "./read-table-writes.js";
import { ask, type LedgerProcedure } from "./ledger.js";

/** The entities a step touched, by appspace: their rollups are settled at its end. */
export class DirtyEntities {
  readonly byAppspace = new Map<number, Dirty>();

  of(appspace: number): Dirty {
    let dirty = this.byAppspace.get(appspace);
    if (!dirty) this.byAppspace.set(appspace, (dirty = noneDirty()));
    return dirty;
  }

  /** Marks what an event touches (see `markTouched`) in its appspace. */
  mark(e: {
    appspace_seq: number;
    session_id: string | null;
    cart_id: string | null;
    user_id: string | null;
    anonymous_id: string | null;
  }): void {
    markTouched(this.of(e.appspace_seq), e);
  }
}

/**
 * Replaces what entities of one kind add to the read tables: each old contribution taken back
 * and the new one added; the rollups read and written in one call each.
 */
function* replaceRollups(
  writes: ReadTableWrites,
  key: number,
  kind: string,
  next: Map<string, Contribution[]>,
): LedgerProcedure<void> {
  if (next.size === 0) return;
  const old = yield* ask((l) => l.loadRollups(key, kind, [...next.keys()]));
  const changed: Array<{ key: string; data: string }> = [];
  const emptied: string[] = [];
  for (const [entity, rows] of next) {
    const data = JSON.stringify(rows);
    const before = old.get(entity);
    if ((before ?? "[]") === data) continue;
    writes.add(key, contributionDifference(before ? (JSON.parse(before) as Contribution[]) : [], rows), 1);
    if (rows.length === 0) emptied.push(entity);
    else changed.push({ key: entity, data });
  }
  if (changed.length || emptied.length) yield* ask((l) => l.writeRollups(key, kind, changed, emptied));
}

/**
 * Brings every entity marked dirty up to date, inside the step's transaction: sessions (and the
 * visitors in them), carts, then visitors (an anonymous id stitched to a user makes that user
 * dirty too), under both read keys of the appspace. Events are read once, flagged ones
 * included, and the unflagged-only key's rollups computed from the same rows. Cart days must be
 * written before (rollups read them back).
 */
export function* settleRollups(writes: ReadTableWrites, dirty: DirtyEntities): LedgerProcedure<void> {
  for (const [appspace, d] of dirty.byAppspace) yield* settleAppspace(writes, appspace, d);
  dirty.byAppspace.clear();
}

const unflagged = (rows: readonly SessionRow[]) => rows.filter((r) => r.flagged === 0);

function* settleAppspace(writes: ReadTableWrites, appspace: number, dirty: Dirty): LedgerProcedure<void> {
  const keys = [readKey(appspace, false), readKey(appspace, true)];
  // Every event of each session, whatever its flag; a read key sees its own share of them.
  const sessions: Map<string, SessionRow[]> = dirty.sessions.size
    ? yield* ask((l) => l.sessionsEvents(appspace, [...dirty.sessions]))
    : new Map();
  for (const rows of sessions.values()) {
    for (const r of rows) {
      if (r.user_id !== null) dirty.visitors.add(r.user_id);
      if (r.anonymous_id !== null) dirty.visitors.add(r.anonymous_id);
    }
  }
  for (const key of keys) {
    const { unflaggedOnly } = ofReadKey(key);
    const rollups = new Map<string, Contribution[]>();
    for (const [id, rows] of sessions) rollups.set(id, sessionContribution(id, unflaggedOnly ? unflagged(rows) : rows));
    yield* replaceRollups(writes, key, "s", rollups);
  }

  if (dirty.carts.size) {
    for (const key of keys) {
      const carts = yield* ask((l) => l.cartsDays(key, [...dirty.carts]));
      yield* replaceRollups(
        writes,
        key,
        "c",
        new Map([...carts].map(([cart, days]) => [cart, cartContribution(cart, days)])),
      );
    }
  }

  if (dirty.visitors.size === 0) return;
  for (const user of yield* ask((l) => l.stitchedUsers(appspace, [...dirty.visitors]))) dirty.visitors.add(user);
  const visitors = yield* ask((l) => l.visitorsEvents(appspace, [...dirty.visitors]));
  // Whole sessions matter only to a visitor's purchases (attribution): the others need none read.
  const missing = new Set<string>();
  for (const events of visitors.values()) {
    if (!events.some((e) => e.event_type === "purchase")) continue;
    for (const e of events) if (e.session_id !== null && !sessions.has(e.session_id)) missing.add(e.session_id);
  }
  if (missing.size)
    for (const [id, rows] of yield* ask((l) => l.sessionsEvents(appspace, [...missing]))) sessions.set(id, rows);
  for (const key of keys) {
    const { unflaggedOnly } = ofReadKey(key);
    const sessionOf = (id: string) => (unflaggedOnly ? unflagged(sessions.get(id)!) : sessions.get(id)!);
    const rollups = new Map<string, Contribution[]>();
    for (const [visitor, all] of visitors) {
      const events = unflaggedOnly ? unflagged(all) : all;
      const buys = events.some((e) => e.event_type === "purchase");
      rollups.set(
        visitor,
        visitorContribution({ visitor, events, sessions: buys ? sessionsOfEvents(events, sessionOf) : [] }),
      );
    }
    yield* replaceRollups(writes, key, "v", rollups);
  }
}
