import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { FraudCounts, InboxEntry, Positions, ProjectionStep } from "../../store.js";
import type { SliceOutcome } from "../../projection/ledger.js";

const judged = (f: FraudCounts) => Object.keys(f.blocked).length + Object.keys(f.flagged).length > 0;

/** The two connections of a SQLite store: the main file and the inbox file. */
export interface Files {
  db: Db;
  inbox: Db;
}

/** Applied entries are removed from the inbox once this many have been appended since the last removal. */
export const COMPACT_EVERY = 256;

/** The position every appspace has passed (the single position of databases written before positions were kept per appspace). */
const floorPosition = (db: Db) =>
  prepared<[], { position: number }>(db, "SELECT position FROM projector_state").get()!.position;

/** Every appspace's own position (the last of its entries applied), above the floor. */
function appspacePositions(db: Db): Map<number, number> {
  const rows = prepared<[], { appspace_seq: number; position: number }>(
    db,
    "SELECT appspace_seq, position FROM projection_positions",
  ).all();
  return new Map(rows.map((r) => [r.appspace_seq, r.position]));
}

/** Where the projector stands for an appspace: every one of its entries up to this is applied. */
function projectedOf(db: Db, appspace: number): number {
  const own = prepared<[number], { position: number }>(
    db,
    "SELECT position FROM projection_positions WHERE appspace_seq = ?",
  ).get(appspace);
  return Math.max(floorPosition(db), own?.position ?? 0);
}

/**
 * Appends the entries in one transaction (a group commit), after removing (every
 * `COMPACT_EVERY` appends) the entries the projector has passed: only this writes the inbox file.
 */
export function appendEntries(files: Files & { appendsSinceCompaction: number }, entries: readonly InboxEntry[]): void {
  const { db, inbox } = files;
  const insert = prepared(inbox, "INSERT INTO entries (appspace_seq, events, body) VALUES (?, ?, ?)");
  const compact = files.appendsSinceCompaction >= COMPACT_EVERY;
  const floor = compact ? floorPosition(db) : 0;
  const positions = compact ? appspacePositions(db) : new Map<number, number>();
  inbox.transaction(() => {
    if (compact) {
      // A lost or replaced inbox file must not hand out sequence numbers the projector has passed.
      const passed = Math.max(floor, ...positions.values());
      if (lastSeq(inbox) < passed) setLastSeq(inbox, passed);
      prepared(inbox, "DELETE FROM entries WHERE seq <= ?").run(floor);
      const remove = prepared(inbox, "DELETE FROM entries WHERE appspace_seq = ? AND seq <= ?");
      for (const [appspace, position] of positions) if (position > floor) remove.run(appspace, position);
      files.appendsSinceCompaction = 0;
    }
    const charge = prepared(
      inbox,
      "INSERT INTO quota_usage (appspace_seq, month, events) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET events = events + excluded.events",
    );
    for (const entry of entries) {
      insert.run(entry.appspaceSeq, entry.events, entry.text);
      if (entry.quota?.events) charge.run(entry.quota.appspaceSeq, entry.quota.month, entry.quota.events);
    }
  })();
  files.appendsSinceCompaction += entries.length;
}

/** Events counted towards an appspace's quota in a month. */
export function quotaUsage({ inbox }: Files, appspaceSeq: number, month: number): number {
  return (
    prepared<unknown[], { events: number }>(
      inbox,
      "SELECT events FROM quota_usage WHERE appspace_seq = ? AND month = ?",
    ).get(appspaceSeq, month)?.events ?? 0
  );
}

const lastSeq = (inbox: Db) =>
  prepared<[], { seq: number }>(
    inbox,
    "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entries'), 0) AS seq",
  ).get()!.seq;

function setLastSeq(inbox: Db, seq: number): void {
  if (prepared(inbox, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'entries'").run(seq).changes === 0) {
    prepared(inbox, "INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', ?)").run(seq);
  }
}

/** An appspace's entries not yet applied: their last seq and their events. */
function pendingOf(inbox: Db, appspace: number, projected: number) {
  return prepared<[number, number], { last: number | null; events: number }>(
    inbox,
    "SELECT max(seq) AS last, coalesce(sum(events), 0) AS events FROM entries WHERE appspace_seq = ? AND seq > ?",
  ).get(appspace, projected)!;
}

/** Where one appspace's entries stand, or the totals over every appspace. */
export function readPositions({ db, inbox }: Files, appspace?: number): Positions {
  if (appspace !== undefined) {
    const projected = projectedOf(db, appspace);
    const pending = pendingOf(inbox, appspace, projected);
    return { appended: pending.last ?? projected, projected, backlogEvents: pending.events };
  }
  const floor = floorPosition(db);
  const positions = appspacePositions(db);
  const appended = Math.max(lastSeq(inbox), floor, ...positions.values());
  // Totals: `projected` is the last seq below which every entry of every appspace is applied.
  let lowestPending = Number.POSITIVE_INFINITY;
  let backlogEvents = 0;
  for (const a of pendingAppspaces({ db, inbox })) {
    const projected = Math.max(floor, positions.get(a) ?? 0);
    const row = prepared<[number, number], { first: number; events: number }>(
      inbox,
      "SELECT min(seq) AS first, coalesce(sum(events), 0) AS events FROM entries WHERE appspace_seq = ? AND seq > ?",
    ).get(a, projected)!;
    lowestPending = Math.min(lowestPending, row.first);
    backlogEvents += row.events;
  }
  return { appended, projected: Number.isFinite(lowestPending) ? lowestPending - 1 : appended, backlogEvents };
}

/** The appspaces with entries after their position, the one with the oldest such entry first. */
export function pendingAppspaces({ db, inbox }: Files): number[] {
  const floor = floorPosition(db);
  const positions = appspacePositions(db);
  const candidates = prepared<[number], { appspace_seq: number; first: number }>(
    inbox,
    "SELECT appspace_seq, min(seq) AS first FROM entries WHERE seq > ? GROUP BY appspace_seq",
  ).all(floor);
  const pending: Array<{ appspace: number; first: number }> = [];
  for (const c of candidates) {
    const own = positions.get(c.appspace_seq) ?? 0;
    if (c.first > own) pending.push({ appspace: c.appspace_seq, first: c.first });
    else {
      const next = prepared<[number, number], { seq: number }>(
        inbox,
        "SELECT seq FROM entries WHERE appspace_seq = ? AND seq > ? ORDER BY seq LIMIT 1",
      ).get(c.appspace_seq, own);
      if (next) pending.push({ appspace: c.appspace_seq, first: next.seq });
    }
  }
  return pending.sort((a, b) => a.first - b.first).map((p) => p.appspace);
}

function setPosition(db: Db, appspace: number, position: number): void {
  prepared(
    db,
    "INSERT INTO projection_positions (appspace_seq, position) VALUES (?, ?) ON CONFLICT (appspace_seq) DO UPDATE SET position = excluded.position",
  ).run(appspace, position);
}

function rejectEntry(
  db: Db,
  entry: { seq: number; body: string },
  appspace: number,
  reason: string,
  now: number,
): void {
  prepared(
    db,
    "INSERT OR REPLACE INTO inbox_rejected (seq, appspace_seq, reason, body, rejected_at) VALUES (?, ?, ?, ?, ?)",
  ).run(entry.seq, appspace, reason, entry.body, now);
}

/**
 * Applies the appspace's entries after its position, about `maxEvents` events' worth, in one
 * immediate transaction on the main file that also moves the appspace's position: a crash at any
 * instant leaves either all of it or none. (Applied entries are removed from the inbox by a later
 * append.) `apply` does the work inside the transaction and names the entries it could not read,
 * which are moved to `inbox_rejected` with the reason; if it throws, nothing of the step stays.
 */
export function projectEntries(
  { db, inbox }: Files,
  appspace: number,
  maxEvents: number,
  apply: (entries: ReadonlyArray<{ seq: number; body: string }>) => SliceOutcome,
  now: number,
): ProjectionStep {
  return db
    .transaction((): ProjectionStep => {
      const position = projectedOf(db, appspace);
      const sizes = prepared<[number, number, number], { seq: number; events: number }>(
        inbox,
        "SELECT seq, events FROM entries WHERE appspace_seq = ? AND seq > ? ORDER BY seq LIMIT ?",
      ).all(appspace, position, Math.max(1, maxEvents));
      let last = position;
      let events = 0;
      for (const s of sizes) {
        if (events > 0 && events + s.events > maxEvents) break;
        last = s.seq;
        events += s.events;
      }
      if (last === position) return { appspace, entries: 0, events: 0, position, rejected: [], backlogEvents: 0 };
      const rows = prepared<[number, number, number], { seq: number; body: string }>(
        inbox,
        "SELECT seq, body FROM entries WHERE appspace_seq = ? AND seq > ? AND seq <= ? ORDER BY seq",
      ).all(appspace, position, last);
      const outcome = apply(rows);
      for (const r of outcome.rejected)
        rejectEntry(db, rows.find((row) => row.seq === r.seq)!, appspace, r.reason, now);
      setPosition(db, appspace, last);
      const step = {
        appspace,
        entries: rows.length,
        events,
        position: last,
        rejected: outcome.rejected,
        backlogEvents: pendingOf(inbox, appspace, last).events,
      };
      return judged(outcome.fraud) ? { ...step, fraud: outcome.fraud } : step;
    })
    .immediate();
}

/** Moves the appspace's next entry aside with the reason, and the appspace's position past it; its seq. */
export function setAside({ db, inbox }: Files, appspace: number, reason: string, now: number): number | undefined {
  return db
    .transaction(() => {
      const position = projectedOf(db, appspace);
      const entry = prepared<[number, number], { seq: number; body: string }>(
        inbox,
        "SELECT seq, body FROM entries WHERE appspace_seq = ? AND seq > ? ORDER BY seq LIMIT 1",
      ).get(appspace, position);
      if (!entry) return undefined;
      rejectEntry(db, entry, appspace, reason, now);
      setPosition(db, appspace, entry.seq);
      return entry.seq;
    })
    .immediate();
}

/**
 * After an erase: the appspace's applied entries leave the inbox file (they hold request bodies
 * as they came), and both files' write-ahead logs are checkpointed and truncated, tried again
 * for a while when a reader holds them. With `secure_delete` on, no byte of what was deleted stays.
 */
export async function scrubAfterErase({ db, inbox }: Files, appspace: number): Promise<void> {
  prepared(inbox, "DELETE FROM entries WHERE appspace_seq = ? AND seq <= ?").run(appspace, projectedOf(db, appspace));
  for (const file of [db, inbox]) {
    for (let attempt = 0; ; attempt++) {
      const [result] = file.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
      if (!result?.busy || attempt >= 50) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
