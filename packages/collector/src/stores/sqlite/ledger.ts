import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { Ledger, PurchaseRef, WatchedCartRow } from "../../projection/ledger.js";
import { sqliteLedgerRemovals } from "./ledger-removals.js";
import type { CartDay } from "../../rules/cart-rollup.js";
import type { SessionRow } from "../../rules/session-row.js";
import { insertEvent, loadEvent, replaceEvent } from "./events.queries.js";
import { writeReadTableRows } from "./read-tables.queries.js";
import { rebuildProductName } from "./product-names.queries.js";
import { sessionEvents, visitorEvents } from "./entity-events.queries.js";

// A list bound as one JSON parameter: `x IN (SELECT value FROM json_each(?))`.
const list = (values: readonly unknown[]) => JSON.stringify(values);

/**
 * The projection's ledger on SQLite, inside the caller's synchronous transaction. Statements run
 * in this process, so a batch is a loop of prepared statements: no round trips to save.
 *
 * @example
 * db.transaction(() => runSync(projectSlice(appspace, entries, decode, now), sqliteLedger(db)))();
 */
export function sqliteLedger(db: Db): Ledger {
  return {
    appspace(appspace) {
      const a = prepared<[number], { id: string; currency: string }>(
        db,
        "SELECT id, currency FROM appspaces WHERE seq = ?",
      ).get(appspace)!;
      const webhooks = prepared<[number], { id: string; events: string }>(
        db,
        "SELECT id, events FROM webhooks WHERE appspace_seq = ?",
      )
        .all(appspace)
        .map((w) => ({ id: w.id, events: w.events.split(",") }));
      return { id: a.id, currency: a.currency, webhooks };
    },

    claimEventIds(appspace, ids) {
      const insert = prepared(db, "INSERT OR IGNORE INTO event_ids (appspace_seq, event_id) VALUES (?, ?)");
      const known = new Set<string>();
      for (const id of ids) if (insert.run(appspace, id).changes === 0) known.add(id);
      return known;
    },

    findOrders(appspace, keys) {
      const find = prepared<[number, string, string], { event_seq: number | null }>(
        db,
        "SELECT event_seq FROM orders WHERE appspace_seq = ? AND kind = ? AND transaction_id = ?",
      );
      const found = new Map<string, number | null>();
      for (const k of keys) {
        const row = find.get(appspace, k.kind, k.transaction_id);
        if (row) found.set(`${k.kind}\u0000${k.transaction_id}`, row.event_seq);
      }
      return found;
    },
    insertOrders(appspace, rows) {
      const insert = prepared(
        db,
        "INSERT INTO orders (appspace_seq, kind, transaction_id, event_seq) VALUES (?, ?, ?, ?)",
      );
      for (const r of rows) insert.run(appspace, r.kind, r.transaction_id, r.event_seq);
    },

    loadEvents(seqs) {
      return new Map(seqs.map((seq) => [seq, loadEvent(db, seq)!]));
    },
    newEventSeqs(n) {
      const { last } = prepared<[], { last: number }>(db, "SELECT coalesce(max(seq), 0) AS last FROM events").get()!;
      return Array.from({ length: n }, (_, i) => last + i + 1);
    },
    insertEvents(rows) {
      for (const r of rows) insertEvent(db, r.event, r.seq);
    },
    replaceEvents(rows) {
      for (const r of rows) replaceEvent(db, r.seq, r.event);
    },

    identitiesOfAnonymous(appspace, anonymousIds) {
      const rows = prepared<[number, string], { anonymous_id: string; user_id: string }>(
        db,
        "SELECT anonymous_id, user_id FROM identities WHERE appspace_seq = ? AND anonymous_id IN (SELECT value FROM json_each(?))",
      ).all(appspace, list(anonymousIds));
      return new Map(rows.map((r) => [r.anonymous_id, r.user_id]));
    },
    identitiesOfUsers(appspace, userIds) {
      return prepared<[number, string], { anonymous_id: string; user_id: string }>(
        db,
        "SELECT anonymous_id, user_id FROM identities WHERE appspace_seq = ? AND user_id IN (SELECT value FROM json_each(?))",
      ).all(appspace, list(userIds));
    },
    insertIdentities(appspace, rows) {
      const insert = prepared(
        db,
        "INSERT OR IGNORE INTO identities (appspace_seq, anonymous_id, user_id, first_seen) VALUES (?, ?, ?, ?)",
      );
      for (const r of rows) insert.run(appspace, r.anonymous_id, r.user_id, r.ts);
    },

    visitorPurchases(appspace, userIds, anonymousIds) {
      const columns = "seq, ts, user_id, anonymous_id, transaction_id";
      const byUser = prepared<[number, string], PurchaseRef>(
        db,
        `SELECT ${columns} FROM events WHERE appspace_seq = ? AND event_type = 'purchase' AND user_id = ?`,
      );
      const byAnonymous = prepared<[number, string], PurchaseRef>(
        db,
        `SELECT ${columns} FROM events WHERE appspace_seq = ? AND event_type = 'purchase' AND anonymous_id = ?`,
      );
      const found = new Map<number, PurchaseRef>();
      for (const u of userIds) for (const p of byUser.all(appspace, u)) found.set(p.seq, p);
      for (const a of anonymousIds) for (const p of byAnonymous.all(appspace, a)) found.set(p.seq, p);
      return [...found.values()];
    },

    addCartDays(_appspace, rows) {
      const upsert = prepared(
        db,
        `INSERT INTO cart_days (appspace_seq, cart, day, added, removed, adds, purchases) VALUES (@key, @cart, @day, @added, @removed, @adds, @purchases)
         ON CONFLICT (appspace_seq, day, cart) DO UPDATE SET added = added + excluded.added, removed = removed + excluded.removed,
           adds = adds + excluded.adds, purchases = purchases + excluded.purchases`,
      );
      for (const r of rows) upsert.run(r);
    },
    noteProductNames(appspace, rows) {
      const upsert = prepared(
        db,
        `INSERT INTO product_names (appspace_seq, item_id, item_name, ts, event_seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (appspace_seq, item_id) DO UPDATE SET item_name = excluded.item_name, ts = excluded.ts, event_seq = excluded.event_seq
         WHERE excluded.ts > ts OR (excluded.ts = ts AND excluded.event_seq >= event_seq)`,
      );
      for (const r of rows) upsert.run(appspace, r.item_id, r.item_name, r.ts, r.event_seq);
    },
    rebuildProductNames(appspace, itemIds) {
      for (const id of itemIds) rebuildProductName(db, appspace, id);
    },
    addSdkLosses(appspace, rows) {
      const upsert = prepared(
        db,
        `INSERT INTO sdk_losses (appspace_seq, day, dropped, expired) VALUES (?, ?, ?, ?)
         ON CONFLICT (appspace_seq, day) DO UPDATE SET dropped = dropped + excluded.dropped, expired = expired + excluded.expired`,
      );
      for (const r of rows) upsert.run(appspace, r.day, r.dropped, r.expired);
    },

    sessionsEvents(appspace, ids) {
      return new Map<string, SessionRow[]>(ids.map((id) => [id, sessionEvents(db, appspace, id)]));
    },
    visitorsEvents(appspace, visitors) {
      return new Map<string, SessionRow[]>(visitors.map((v) => [v, visitorEvents(db, appspace, v)]));
    },
    cartsDays(key, carts) {
      const days = prepared<[number, string], CartDay>(
        db,
        // Named: ordered by day, the planner would rather walk the whole table in day order.
        "SELECT day, added, removed, adds, purchases FROM cart_days INDEXED BY cart_days_by_cart WHERE appspace_seq = ? AND cart = ?",
      ).raw();
      return new Map(carts.map((cart) => [cart, (days.all(key, cart) as CartDay[]).sort((a, b) => a[0] - b[0])]));
    },
    stitchedUsers(appspace, anonymousIds) {
      return prepared<[number, string], { user_id: string }>(
        db,
        "SELECT DISTINCT user_id FROM identities WHERE appspace_seq = ? AND anonymous_id IN (SELECT value FROM json_each(?))",
      )
        .all(appspace, list(anonymousIds))
        .map((r) => r.user_id);
    },
    loadRollups(key, kind, entities) {
      const find = prepared<[number, string, string], { key: string; data: string }>(
        db,
        "SELECT key, data FROM rollups WHERE appspace_seq = ? AND kind = ? AND key IN (SELECT value FROM json_each(?))",
      );
      return new Map(find.all(key, kind, JSON.stringify(entities)).map((r) => [r.key, r.data]));
    },
    writeRollups(key, kind, changed, emptied) {
      const remove = prepared(db, "DELETE FROM rollups WHERE appspace_seq = ? AND kind = ? AND key = ?");
      for (const e of emptied) remove.run(key, kind, e);
      // Updated in place: a replace would delete the row (zeroing it, `secure_delete`) and insert it again.
      const write = prepared(
        db,
        "INSERT INTO rollups (appspace_seq, kind, key, data) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data",
      );
      for (const r of changed) write.run(key, kind, r.key, r.data);
    },
    writeReadTables: (rows) => writeReadTableRows(db, rows),

    ...sqliteLedgerRemovals(db),

    enqueueDeliveries(rows) {
      const insert = prepared(
        db,
        "INSERT INTO webhook_deliveries (id, webhook_id, body, created_at, next_at) VALUES (?, ?, ?, ?, ?)",
      );
      for (const r of rows) insert.run(r.id, r.webhook_id, r.body, r.created_at, r.created_at);
    },
    watchedCarts(appspace, carts) {
      const find = prepared<[number, string], WatchedCartRow>(
        db,
        "SELECT cart, last_ts, data, purchased FROM watched_carts WHERE appspace_seq = ? AND cart = ?",
      );
      const found = new Map<string, WatchedCartRow>();
      for (const cart of carts) {
        const row = find.get(appspace, cart);
        if (row) found.set(cart, row);
      }
      return found;
    },
    writeWatchedCarts(appspace, rows) {
      const write = prepared(
        db,
        "INSERT OR REPLACE INTO watched_carts (appspace_seq, cart, last_ts, data, purchased, fired) VALUES (?, ?, ?, ?, ?, 0)",
      );
      for (const r of rows) write.run(appspace, r.cart, r.last_ts, r.data, r.purchased);
    },
  };
}
