import { contributionDifference, type Contribution } from "../rules/contribution.js";
import { sessionContribution } from "../rules/session-rollup.js";
import { cartContribution } from "../rules/cart-rollup.js";
import { sessionsOfEvents, visitorContribution } from "../rules/visitor-rollup.js";
import type { TouchEvent } from "../rules/attribution.js";
import { ofReadKey, readKey } from "../model/read-key.js";
import { sessionRowOf, type SessionRow } from "../rules/session-row.js";
import type { StoredEvent } from "../model/stored-event.js";
import { packHistory, unpackHistory, type HistoryEvent } from "../rules/visitor-history.js";
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
 * What a projection step knows of its own events, so that an entity it only added events to
 * needs no history read: a session with no rollup yet has no other events, and a visitor's
 * history (`rules/visitor-history.ts`) is its kept one plus the step's.
 */
export interface StepEvents {
  /** The events the step stored, with their seqs. */
  added: ReadonlyArray<{ seq: number; event: StoredEvent }>;
  /** The user each anonymous id of those events is stitched to, after the step. */
  identities: ReadonlyMap<string, string>;
  /** Sessions and visitors whose stored events the step changed otherwise (a merge rewrote one, a new link moved some): read whole. */
  reread: Dirty;
}

/**
 * Replaces what entities of one kind add to the read tables: each old contribution taken back
 * and the new one added; the rollups read (unless `old` holds them already) and written in one
 * call each.
 */
function* replaceRollups(
  writes: ReadTableWrites,
  key: number,
  kind: string,
  next: Map<string, Contribution[]>,
  old?: Map<string, string>,
): LedgerProcedure<void> {
  if (next.size === 0) return;
  const stored = old ?? (yield* ask((l) => l.loadRollups(key, kind, [...next.keys()])));
  const changed: Array<{ key: string; data: string }> = [];
  const emptied: string[] = [];
  for (const [entity, rows] of next) {
    const data = JSON.stringify(rows);
    const before = stored.get(entity);
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
 * included, and the unflagged-only key's rollups computed from the same rows; `step` spares the
 * reads of what a projection step alone added. Cart days must be written before (rollups read
 * them back).
 */
export function* settleRollups(
  writes: ReadTableWrites,
  dirty: DirtyEntities,
  step?: StepEvents,
): LedgerProcedure<void> {
  for (const [appspace, d] of dirty.byAppspace) yield* settleAppspace(writes, appspace, d, step);
  dirty.byAppspace.clear();
}

const unflagged = <E extends { flagged: number }>(rows: readonly E[]) => rows.filter((r) => r.flagged === 0);

/** A step's events as the rollups read them, by session and by visitor (identities as the step left them). */
function stepRows(step: StepEvents) {
  const bySession = new Map<string, SessionRow[]>();
  const byVisitor = new Map<string, SessionRow[]>();
  const push = (map: Map<string, SessionRow[]>, key: string, row: SessionRow) => {
    const rows = map.get(key);
    if (rows) rows.push(row);
    else map.set(key, [row]);
  };
  for (const { seq, event: e } of step.added) {
    const visitor =
      e.user_id ?? (e.anonymous_id !== null ? step.identities.get(e.anonymous_id) : undefined) ?? e.anonymous_id;
    const row = sessionRowOf(seq, e, visitor);
    if (e.session_id !== null) push(bySession, e.session_id, row);
    if (visitor !== null) push(byVisitor, visitor, row);
  }
  return { bySession, byVisitor };
}

function* settleAppspace(
  writes: ReadTableWrites,
  appspace: number,
  dirty: Dirty,
  step: StepEvents | undefined,
): LedgerProcedure<void> {
  const own = readKey(appspace, false);
  const keys = [own, readKey(appspace, true)];
  const fresh = step ? stepRows(step) : undefined;
  // Every event of each session, whatever its flag; a read key sees its own share of them. A
  // session without a rollup under the appspace's own key has no stored events but the step's.
  const ids = [...dirty.sessions];
  const ownRollups = ids.length ? yield* ask((l) => l.loadRollups(own, "s", ids)) : new Map<string, string>();
  const toRead = step ? ids.filter((id) => ownRollups.has(id) || step.reread.sessions.has(id)) : ids;
  const sessions: Map<string, SessionRow[]> = toRead.length
    ? yield* ask((l) => l.sessionsEvents(appspace, toRead))
    : new Map();
  if (fresh) {
    const read = new Set(toRead);
    for (const id of ids) if (!read.has(id)) sessions.set(id, fresh.bySession.get(id) ?? []);
  }
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
    yield* replaceRollups(writes, key, "s", rollups, key === own ? ownRollups : undefined);
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
  // A visitor the step only added events to: its kept history and the step's events.
  const everyone = [...dirty.visitors];
  const carried = step ? everyone.filter((v) => !step.reread.visitors.has(v)) : [];
  const reread = step ? everyone.filter((v) => step.reread.visitors.has(v)) : everyone;
  const visitors = new Map<string, HistoryEvent[]>(
    reread.length ? yield* ask((l) => l.visitorsEvents(appspace, reread)) : [],
  );
  if (carried.length) {
    const kept = yield* ask((l) => l.loadRollups(own, "h", carried));
    for (const v of carried) {
      const history = kept.get(v);
      visitors.set(v, [...(history ? unpackHistory(history) : []), ...(fresh!.byVisitor.get(v) ?? [])]);
    }
  }
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
    const sessionOf = (id: string): Array<TouchEvent & { day: number }> =>
      unflaggedOnly ? unflagged(sessions.get(id)!) : sessions.get(id)!;
    const rollups = new Map<string, Contribution[]>();
    for (const [visitor, all] of visitors) {
      const events = unflaggedOnly ? unflagged(all) : all;
      const buys = events.some((e) => e.event_type === "purchase");
      const alone = (e: HistoryEvent): TouchEvent & { day: number } => ({ ...e, visitor });
      rollups.set(
        visitor,
        visitorContribution({ visitor, events, sessions: buys ? sessionsOfEvents(events, sessionOf, alone) : [] }),
      );
    }
    yield* replaceRollups(writes, key, "v", rollups);
  }
  const histories: Array<{ key: string; data: string }> = [];
  const gone: string[] = [];
  for (const [visitor, events] of visitors) {
    if (events.length) histories.push({ key: visitor, data: packHistory(events) });
    else gone.push(visitor);
  }
  yield* ask((l) => l.writeRollups(own, "h", histories, gone));
}
