import { contributionDifference, type Contribution } from "../rules/contribution.js";
import { sessionContribution } from "../rules/session-rollup.js";
import { cartContribution } from "../rules/cart-rollup.js";
import { sessionsOfEvents, visitorContribution } from "../rules/visitor-rollup.js";
import type { TouchEvent } from "../rules/attribution.js";
import { readKey } from "../model/read-key.js";
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

/** What an entity adds under the appspace's own read key, and under its unflagged-only one (the same array when no flagged event plays a part). */
type BothKeys = [own: Contribution[], unflagged: Contribution[]];

/**
 * Replaces what entities of one kind add to the read tables under both read keys of the
 * appspace: each old contribution taken back and the new one added; the rollups read (the own
 * key's unless `ownOld` holds them already) and written in one call per key. Under the
 * unflagged-only key a rollup is kept only where it differs from the own key's (an entity with
 * a flagged event): a missing one mirrors it, so most entities are written and differenced once.
 */
function* replaceRollups(
  writes: ReadTableWrites,
  appspace: number,
  kind: string,
  next: Map<string, BothKeys>,
  ownOld?: Map<string, string>,
): LedgerProcedure<void> {
  if (next.size === 0) return;
  const own = readKey(appspace, false);
  const neg = readKey(appspace, true);
  const entities = [...next.keys()];
  const ownBefore = ownOld ?? (yield* ask((l) => l.loadRollups(own, kind, entities)));
  const negBefore = yield* ask((l) => l.loadRollups(neg, kind, entities));
  const ownRows = { changed: [] as Array<{ key: string; data: string }>, emptied: [] as string[] };
  const negRows = { changed: [] as Array<{ key: string; data: string }>, emptied: [] as string[] };
  for (const [entity, [a, u]] of next) {
    const aData = JSON.stringify(a);
    const uData = u === a ? aData : JSON.stringify(u);
    const aOld = ownBefore.get(entity) ?? "[]";
    const uStored = negBefore.get(entity);
    const uOld = uStored ?? aOld;
    let ownDiff: Contribution[] | undefined;
    if (aOld !== aData) {
      ownDiff = contributionDifference(JSON.parse(aOld) as Contribution[], a);
      writes.add(own, ownDiff, 1);
      if (a.length === 0) ownRows.emptied.push(entity);
      else ownRows.changed.push({ key: entity, data: aData });
    }
    if (uOld !== uData) {
      const diff =
        ownDiff && uOld === aOld && uData === aData
          ? ownDiff
          : contributionDifference(JSON.parse(uOld) as Contribution[], u);
      writes.add(neg, diff, 1);
    }
    const uKept = uData === aData ? undefined : uData;
    if (uKept === uStored) continue;
    if (uKept === undefined) negRows.emptied.push(entity);
    else negRows.changed.push({ key: entity, data: uKept });
  }
  if (ownRows.changed.length || ownRows.emptied.length)
    yield* ask((l) => l.writeRollups(own, kind, ownRows.changed, ownRows.emptied));
  if (negRows.changed.length || negRows.emptied.length)
    yield* ask((l) => l.writeRollups(neg, kind, negRows.changed, negRows.emptied));
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

const isFlagged = (r: { flagged: number }) => r.flagged !== 0;
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
  const neg = readKey(appspace, true);
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
  const sessionRollups = new Map<string, BothKeys>();
  for (const [id, rows] of sessions) {
    const all = sessionContribution(id, rows);
    sessionRollups.set(id, [all, rows.some(isFlagged) ? sessionContribution(id, unflagged(rows)) : all]);
  }
  yield* replaceRollups(writes, appspace, "s", sessionRollups, ownRollups);

  if (dirty.carts.size) {
    const carts = [...dirty.carts];
    const [all, unflaggedDays] = [
      yield* ask((l) => l.cartsDays(own, carts)),
      yield* ask((l) => l.cartsDays(neg, carts)),
    ];
    const cartRollups = new Map<string, BothKeys>();
    for (const cart of carts) {
      const a = cartContribution(cart, all.get(cart) ?? []);
      const u = cartContribution(cart, unflaggedDays.get(cart) ?? []);
      cartRollups.set(cart, [a, JSON.stringify(u) === JSON.stringify(a) ? a : u]);
    }
    yield* replaceRollups(writes, appspace, "c", cartRollups);
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
  const visitorRollups = new Map<string, BothKeys>();
  for (const [visitor, all] of visitors) {
    const alone = (e: HistoryEvent): TouchEvent & { day: number; flagged: number } => ({ ...e, visitor });
    const contribution = (events: readonly HistoryEvent[], unflaggedOnly: boolean) => {
      const sessionOf = (id: string) => (unflaggedOnly ? unflagged(sessions.get(id)!) : sessions.get(id)!);
      const touched = events.some((e) => e.event_type === "purchase") ? sessionsOfEvents(events, sessionOf, alone) : [];
      return { rollup: visitorContribution({ visitor, events, sessions: touched }), touched };
    };
    const { rollup, touched } = contribution(all, false);
    const flagged = all.some(isFlagged) || touched.some((s) => s.some(isFlagged));
    visitorRollups.set(visitor, [rollup, flagged ? contribution(unflagged(all), true).rollup : rollup]);
  }
  yield* replaceRollups(writes, appspace, "v", visitorRollups);
  const histories: Array<{ key: string; data: string }> = [];
  const gone: string[] = [];
  for (const [visitor, events] of visitors) {
    if (events.length) histories.push({ key: visitor, data: packHistory(events) });
    else gone.push(visitor);
  }
  yield* ask((l) => l.writeRollups(own, "h", histories, gone));
}
