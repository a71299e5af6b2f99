import { isUnavailable, type Sql, type Tx } from "./connect.js";
import type { InboxEntry, Positions, ProjectionStep } from "../../store.js";
import { Projection } from "./projection.js";
import { settleRollups } from "./rollups.js";

/**
 * Held (for one transaction) by whichever collector projects: projection steps on one
 * database never overlap, and a collector that dies mid-step releases it with its connection,
 * so the next collector to try takes over at once.
 */
export const PROJECTION_LOCK = 7_310_002;

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
  const insert = (tx: Tx) => tx`INSERT INTO inbox (events, body)
    SELECT * FROM unnest(${entries.map((e) => e.events)}::int[], ${entries.map((e) => e.text)}::text[])`;
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
  const [row] = await tx<{ events: number }[]>`SELECT events FROM quota_usage WHERE appspace_seq = ${appspaceSeq} AND month = ${month}`;
  return row?.events ?? 0;
}

/**
 * Where the inbox stands. An entry is removed in the transaction that applies it, so the
 * projector has passed every sequence number below the oldest entry still there (all of them
 * when none is). An entry acknowledged before this call is committed, so it is either still
 * there or applied.
 */
export async function readPositions(tx: Tx): Promise<Positions> {
  const [row] = await tx<{ appended: number; lowest: number | null; backlog: number }[]>`
    SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM inbox_seq_seq) AS appended,
           (SELECT min(seq) FROM inbox) AS lowest,
           (SELECT coalesce(sum(events), 0) FROM inbox) AS backlog`;
  const { appended, lowest, backlog } = row!;
  return { appended, projected: lowest === null ? appended : lowest - 1, backlogEvents: backlog };
}

/**
 * Applies the oldest entries, about `maxEvents` events' worth, in one transaction that also
 * removes them, under the projection lock: a crash at any instant leaves all of it or none, and
 * no entry is applied twice however many collectors project. When another collector holds the
 * lock this applies nothing and says so (`busy`). Each entry is applied on a savepoint; one that
 * cannot be read or applied is moved to `inbox_rejected` with the reason.
 */
export async function projectEntries(
  sql: Sql,
  maxEvents: number,
  apply: (p: Projection, text: string) => Promise<void>,
  now: number,
): Promise<ProjectionStep> {
  return sql.begin(async (tx) => {
    const [{ got }] = await tx<{ got: boolean }[]>`SELECT pg_try_advisory_xact_lock(${PROJECTION_LOCK}) AS got`;
    if (!got) return { entries: 0, events: 0, position: (await readPositions(tx)).projected, rejected: [], busy: true };
    const sizes = await tx<{ seq: number; events: number }[]>`SELECT seq, events FROM inbox ORDER BY seq LIMIT ${Math.max(1, maxEvents)}`;
    const chosen: number[] = [];
    let events = 0;
    for (const s of sizes) {
      if (events > 0 && events + s.events > maxEvents) break;
      chosen.push(s.seq);
      events += s.events;
    }
    if (chosen.length === 0) return { entries: 0, events: 0, position: (await readPositions(tx)).projected, rejected: [] };
    const rows = await tx<{ seq: number; body: string }[]>`SELECT seq, body FROM inbox WHERE seq = ANY(${chosen}::bigint[]) ORDER BY seq`;
    const projection = new Projection(tx);
    const rejected: ProjectionStep["rejected"] = [];
    for (const row of rows) {
      try {
        const entry = await tx.savepoint(async (sp) => {
          const child = projection.child(sp);
          await apply(child, row.body);
          return child;
        });
        projection.absorb(entry);
      } catch (error) {
        if (isUnavailable(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        rejected.push({ seq: row.seq, reason });
        await tx`INSERT INTO inbox_rejected (seq, reason, body, rejected_at) VALUES (${row.seq}, ${reason}, ${row.body}, ${now})
          ON CONFLICT (seq) DO UPDATE SET reason = excluded.reason, body = excluded.body, rejected_at = excluded.rejected_at`;
      }
    }
    await settleRollups(tx, projection.writes, projection.dirty);
    await projection.writes.flush(tx);
    await tx`DELETE FROM inbox WHERE seq = ANY(${chosen}::bigint[])`;
    return { entries: rows.length, events, position: (await readPositions(tx)).projected, rejected };
  });
}
