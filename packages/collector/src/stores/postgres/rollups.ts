import type { Tx } from "./connect.js";
import { contributionDifference, type Contribution } from "../../rules/contribution.js";
import { sessionContribution } from "../../rules/session-rollup.js";
import { cartContribution } from "../../rules/cart-rollup.js";
import { sessionsOfEvents, visitorContribution } from "../../rules/visitor-rollup.js";
import { ofReadKey } from "../../model/read-key.js";
import type { Dirty } from "../../rules/touched-entities.js";
import type { ReadTableWrites } from "./read-tables.js";
import { cartsDays, sessionsEvents, stitchedUsers, visitorsEvents } from "./entity-events.queries.js";

/**
 * Replaces what entities of one kind add to the read tables: each old contribution taken back
 * and the new one added, the rollups read and written in one statement each.
 */
async function replaceRollups(tx: Tx, writes: ReadTableWrites, appspace: number, kind: string, next: Map<string, Contribution[]>): Promise<void> {
  if (next.size === 0) return;
  const keys = [...next.keys()];
  const old = new Map(
    (await tx<{ key: string; data: string }[]>`
      SELECT key, data FROM rollups WHERE appspace_seq = ${appspace} AND kind = ${kind} AND key = ANY(${keys}::text[])`).map((r) => [r.key, r.data]),
  );
  const changed: Array<{ appspace_seq: number; kind: string; key: string; data: string }> = [];
  const emptied: string[] = [];
  for (const [key, rows] of next) {
    const data = JSON.stringify(rows);
    const before = old.get(key);
    if ((before ?? "[]") === data) continue;
    writes.add(appspace, contributionDifference(before ? (JSON.parse(before) as Contribution[]) : [], rows), 1);
    if (rows.length === 0) emptied.push(key);
    else changed.push({ appspace_seq: appspace, kind, key, data });
  }
  if (emptied.length > 0) await tx`DELETE FROM rollups WHERE appspace_seq = ${appspace} AND kind = ${kind} AND key = ANY(${emptied}::text[])`;
  for (let from = 0; from < changed.length; from += 10_000) {
    await tx`INSERT INTO rollups ${tx(changed.slice(from, from + 10_000), "appspace_seq", "kind", "key", "data")}
      ON CONFLICT (appspace_seq, kind, key) DO UPDATE SET data = excluded.data`;
  }
}

/**
 * Brings every entity marked dirty up to date, inside the caller's transaction: sessions (and
 * the visitors in them), carts, then visitors (an anonymous id stitched to a user makes that
 * user dirty too). Reads go by kind, a statement for all entities of a kind at once.
 */
export async function settleRollups(tx: Tx, writes: ReadTableWrites, dirtyByAppspace: Map<number, Dirty>): Promise<void> {
  for (const [appspace, dirty] of dirtyByAppspace) await settleAppspace(tx, writes, appspace, dirty);
  dirtyByAppspace.clear();
}

async function settleAppspace(tx: Tx, writes: ReadTableWrites, appspace: number, dirty: Dirty): Promise<void> {
  for (const key of [appspace, -appspace]) await settleReadKey(tx, writes, key, dirty);
}

/** The entities' rollups under one read key: every event, or unflagged events only (see `rules/read-key.ts`). */
async function settleReadKey(tx: Tx, writes: ReadTableWrites, key: number, dirty: Dirty): Promise<void> {
  const { appspace, unflaggedOnly } = ofReadKey(key);
  const sessions = await sessionsEvents(tx, appspace, [...dirty.sessions], unflaggedOnly);
  const sessionRollups = new Map<string, Contribution[]>();
  for (const [id, rows] of sessions) {
    sessionRollups.set(id, sessionContribution(id, rows));
    for (const r of rows) {
      if (r.user_id !== null) dirty.visitors.add(r.user_id);
      if (r.anonymous_id !== null) dirty.visitors.add(r.anonymous_id);
    }
  }
  await replaceRollups(tx, writes, key, "s", sessionRollups);

  const carts = await cartsDays(tx, key, [...dirty.carts]);
  await replaceRollups(tx, writes, key, "c", new Map([...carts].map(([cart, days]) => [cart, cartContribution(cart, days)])));

  for (const user of await stitchedUsers(tx, appspace, [...dirty.visitors])) dirty.visitors.add(user);
  const visitors = await visitorsEvents(tx, appspace, [...dirty.visitors], unflaggedOnly);
  const missing = new Set<string>();
  for (const events of visitors.values()) for (const e of events) if (e.session_id !== null && !sessions.has(e.session_id)) missing.add(e.session_id);
  for (const [id, rows] of await sessionsEvents(tx, appspace, [...missing], unflaggedOnly)) sessions.set(id, rows);
  const visitorRollups = new Map<string, Contribution[]>();
  for (const [visitor, events] of visitors) {
    visitorRollups.set(visitor, visitorContribution({ visitor, events, sessions: sessionsOfEvents(events, (id) => sessions.get(id)!) }));
  }
  await replaceRollups(tx, writes, key, "v", visitorRollups);
}
