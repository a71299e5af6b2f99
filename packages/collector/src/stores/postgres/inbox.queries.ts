import type { Sql, Tx } from "./connect.js";
import type { InboxEntry, Positions, ProjectionStep } from "../../store.js";
import type { SliceOutcome } from "../../projection/ledger.js";

/** The advisory lock class of projection partitions; the second key is the partition. */
export const PROJECTION_LOCK = 7_310_002;

/** Appspaces are leased for projection in this many partitions (the appspace's seq modulo it). */
export const PARTITIONS = 64;

export const partitionOf = (appspace: number) => appspace % PARTITIONS;

/**
 * Holds the appspace's partition for the rest of the transaction, waiting for it (erase,
 * retention): no projection step of the partition runs meanwhile, on any collector.
 */
export async function lockPartition(tx: Tx, appspace: number): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK}, ${partitionOf(appspace)})`;
}

/** Every partition, in order (a rebuild of the whole read model). */
export async function lockAllPartitions(tx: Tx): Promise<void> {
  for (let p = 0; p < PARTITIONS; p++) await tx`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK}, ${p})`;
}

/**
 * Appends the entries in one commit (a group commit), with the quota charges they carry: the
 * count every collector's quota check reads.
 */
export async function appendEntries(sql: Sql, entries: readonly InboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const charges = new Map<string, { appspace: number; month: number; events: number }>();
  for (const e of entries) {
    if (!e.quota?.events) continue;
    const id = `${e.quota.appspaceSeq}:${e.quota.month}`;
    const c = charges.get(id) ?? { appspace: e.quota.appspaceSeq, month: e.quota.month, events: 0 };
    c.events += e.quota.events;
    charges.set(id, c);
  }
  const insert = (tx: Tx) => tx`INSERT INTO inbox (appspace_seq, events, body)
    SELECT * FROM unnest(${entries.map((e) => e.appspaceSeq)}::int[], ${entries.map((e) => e.events)}::int[], ${entries.map((e) => e.text)}::text[])`;
  if (charges.size === 0) {
    await insert(sql);
    return;
  }
  const list = [...charges.values()];
  await sql.begin(async (tx) => {
    await insert(tx);
    await tx`INSERT INTO quota_usage AS q (appspace_seq, month, events)
      SELECT * FROM unnest(${list.map((c) => c.appspace)}::int[], ${list.map((c) => c.month)}::int[], ${list.map((c) => c.events)}::bigint[])
      ON CONFLICT (appspace_seq, month) DO UPDATE SET events = q.events + excluded.events`;
  });
}

/** Events counted towards an appspace's quota in a month, by every collector. */
export async function quotaUsage(tx: Tx, appspaceSeq: number, month: number): Promise<number> {
  const [row] = await tx<
    { events: number }[]
  >`SELECT events FROM quota_usage WHERE appspace_seq = ${appspaceSeq} AND month = ${month}`;
  return row?.events ?? 0;
}

/**
 * Where the inbox stands, for one appspace or in total. An entry is removed in the transaction
 * that applies it, so the projector has passed every sequence number below the oldest entry
 * still there (all of them when none is). An entry acknowledged before this call is committed, so
 * it is either still there or applied.
 */
export async function readPositions(tx: Tx, appspace?: number): Promise<Positions> {
  // The sequence first, then the inbox (two statements: Citus does not mix the coordinator's
  // sequence into a query of the distributed inbox): an entry appended in between is counted as
  // not yet projected, never as projected.
  const [{ last }] = await tx<
    { last: number }[]
  >`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS last FROM inbox_seq_seq`;
  const [row] =
    appspace === undefined
      ? await tx<{ lowest: number | null; highest: number | null; backlog: number }[]>`
          SELECT min(seq) AS lowest, NULL AS highest, coalesce(sum(events), 0) AS backlog FROM inbox`
      : await tx<{ lowest: number | null; highest: number | null; backlog: number }[]>`
          SELECT min(seq) AS lowest, max(seq) AS highest, coalesce(sum(events), 0) AS backlog
            FROM inbox WHERE appspace_seq = ${appspace}`;
  const { lowest, highest, backlog } = row!;
  const projected = lowest === null ? last : lowest - 1;
  return { appended: highest ?? (appspace === undefined ? last : projected), projected, backlogEvents: backlog };
}

/** The appspaces with entries waiting, the one with the oldest first. */
export async function pendingAppspaces(sql: Sql): Promise<number[]> {
  const rows = await sql<
    { appspace_seq: number }[]
  >`SELECT appspace_seq FROM inbox GROUP BY appspace_seq ORDER BY min(seq)`;
  return rows.map((r) => r.appspace_seq);
}

/**
 * Applies the appspace's oldest entries, about `maxEvents` events' worth, in one transaction
 * that also removes them, holding its partition's lease: a crash at any instant leaves all of it
 * or none, and no entry is applied twice however many collectors project. When another collector
 * holds the partition this applies nothing and says so (`busy`). `apply` does the work inside the
 * transaction and names the entries it could not read, which are moved to `inbox_rejected`.
 */
export async function projectEntries(
  sql: Sql,
  appspace: number,
  maxEvents: number,
  apply: (tx: Tx, entries: ReadonlyArray<{ seq: number; body: string }>) => Promise<SliceOutcome>,
  now: number,
): Promise<ProjectionStep> {
  return sql.begin(async (tx) => {
    const [{ got }] = await tx<
      { got: boolean }[]
    >`SELECT pg_try_advisory_xact_lock(${PROJECTION_LOCK}, ${partitionOf(appspace)}) AS got`;
    if (!got)
      return {
        appspace,
        entries: 0,
        events: 0,
        position: 0,
        rejected: [],
        busy: true,
        backlogEvents: (await readPositions(tx, appspace)).backlogEvents,
      };
    const sizes = await tx<{ seq: number; events: number }[]>`
      SELECT seq, events FROM inbox WHERE appspace_seq = ${appspace} ORDER BY seq LIMIT ${Math.max(1, maxEvents)}`;
    const chosen: number[] = [];
    let events = 0;
    for (const s of sizes) {
      if (events > 0 && events + s.events > maxEvents) break;
      chosen.push(s.seq);
      events += s.events;
    }
    if (chosen.length === 0) {
      const p = await readPositions(tx, appspace);
      return { appspace, entries: 0, events: 0, position: p.projected, rejected: [], backlogEvents: p.backlogEvents };
    }
    const rows = await tx<
      { seq: number; body: string }[]
    >`SELECT seq, body FROM inbox WHERE appspace_seq = ${appspace} AND seq = ANY(${chosen}::bigint[]) ORDER BY seq`;
    const outcome = await apply(tx, rows);
    for (const r of outcome.rejected)
      await rejectEntry(tx, rows.find((row) => row.seq === r.seq)!, appspace, r.reason, now);
    await tx`DELETE FROM inbox WHERE appspace_seq = ${appspace} AND seq = ANY(${chosen}::bigint[])`;
    const after = await readPositions(tx, appspace);
    // Entries of this appspace are applied in order: it has passed the last one applied, at least.
    const step = {
      appspace,
      entries: rows.length,
      events,
      position: Math.max(after.projected, chosen[chosen.length - 1]!),
      rejected: outcome.rejected,
      backlogEvents: after.backlogEvents,
    };
    return Object.keys(outcome.fraud.blocked).length + Object.keys(outcome.fraud.flagged).length
      ? { ...step, fraud: outcome.fraud }
      : step;
  });
}

async function rejectEntry(
  tx: Tx,
  entry: { seq: number; body: string },
  appspace: number,
  reason: string,
  now: number,
): Promise<void> {
  await tx`INSERT INTO inbox_rejected (seq, appspace_seq, reason, body, rejected_at) VALUES (${entry.seq}, ${appspace}, ${reason}, ${entry.body}, ${now})
    ON CONFLICT (appspace_seq, seq) DO UPDATE SET reason = excluded.reason, body = excluded.body, rejected_at = excluded.rejected_at`;
}

/** Moves the appspace's oldest entry aside with the reason, holding its partition; its seq. */
export async function setAside(sql: Sql, appspace: number, reason: string, now: number): Promise<number | undefined> {
  return sql.begin(async (tx) => {
    await lockPartition(tx, appspace);
    const [entry] = await tx<{ seq: number; body: string }[]>`
      SELECT seq, body FROM inbox WHERE appspace_seq = ${appspace} ORDER BY seq LIMIT 1`;
    if (!entry) return undefined;
    await rejectEntry(tx, entry, appspace, reason, now);
    await tx`DELETE FROM inbox WHERE appspace_seq = ${appspace} AND seq = ${entry.seq}`;
    return entry.seq;
  });
}
