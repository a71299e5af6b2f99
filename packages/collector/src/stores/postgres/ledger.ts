import type { Tx } from "./connect.js";
import type { Ledger, PurchaseRef, WatchedCartRow } from "../../projection/ledger.js";
import { postgresLedgerRemovals } from "./ledger-removals.js";
import { appspaceClause } from "./appspace-clause.js";
import { EVENT_COLUMNS, ITEM_COLUMNS, type StoredEvent, type StoredItem } from "../../model/stored-event.js";
import { cartsDays, sessionsEvents, stitchedUsers, visitorsEvents } from "./entity-events.queries.js";
import { writeReadTableRows } from "./read-tables.js";
import { recordsJson } from "./well-formed.js";

const ITEM_LIST = ITEM_COLUMNS.join(", ");
const FROM_ITEMS = ITEM_COLUMNS.map((c) => `r.${c}`).join(", ");
const EVENT_LIST = EVENT_COLUMNS.join(", ");
const FROM_EVENTS = EVENT_COLUMNS.map((c) => `r.${c}`).join(", ");
/** Events per statement: one JSON parameter each, kept to a few megabytes. */
const EVENTS_PER_STATEMENT = 5000;

const chunks = <T>(rows: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let from = 0; from < rows.length; from += size) out.push(rows.slice(from, from + size));
  return out;
};

/**
 * A row's columns for `json_populate_recordset`, its nulls left out: a missing key is NULL there,
 * and most of an event's ~45 columns are null (a third of the JSON text, parsed on both sides).
 */
function columnsOf(columns: readonly string[], row: object, into: Record<string, unknown>): Record<string, unknown> {
  for (const c of columns) {
    const v = (row as Record<string, unknown>)[c];
    if (v !== null && v !== undefined) into[c] = v;
  }
  return into;
}

/** Items and properties of events, one JSON parameter each, unpacked by the server. */
async function insertChildren(tx: Tx, rows: ReadonlyArray<{ seq: number; event: StoredEvent }>): Promise<void> {
  const items = rows.flatMap((r) =>
    r.event.items.map((item, position) =>
      columnsOf(ITEM_COLUMNS, item, { position, appspace_seq: r.event.appspace_seq, event_seq: r.seq }),
    ),
  );
  if (items.length) {
    await tx`INSERT INTO event_items (event_seq, position, appspace_seq, ${tx.unsafe(ITEM_LIST)})
      SELECT r.event_seq, r.position, r.appspace_seq, ${tx.unsafe(FROM_ITEMS)} FROM json_populate_recordset(NULL::event_items, ${recordsJson(items)}::text::json) r`;
  }
  const properties = rows.flatMap((r) =>
    Object.entries(r.event.properties).map(([key, value]) => ({
      appspace_seq: r.event.appspace_seq,
      event_seq: r.seq,
      key,
      value,
    })),
  );
  if (properties.length) {
    await tx`INSERT INTO event_properties (appspace_seq, event_seq, key, value)
      SELECT r.appspace_seq, r.event_seq, r.key, r.value
      FROM json_to_recordset(${recordsJson(properties)}::text::json) AS r(appspace_seq int, event_seq bigint, key text, value text)`;
  }
}

/**
 * The projection's ledger on PostgreSQL, inside the caller's transaction: every call is one
 * statement (or a few, past the parameter limit) for the whole slice, so a step costs a fixed
 * number of round trips however many events it holds. `appspace` is the one the transaction
 * works on (none for a rebuild of every appspace): statements that find rows by event seq name it
 * too, so that each runs on the appspace's own shard on Citus.
 */
export function postgresLedger(tx: Tx, appspace?: number): Ledger {
  const ofAppspace = appspaceClause(tx, appspace);
  return {
    async appspace(appspace) {
      const [a] = await tx<
        { id: string; currency: string }[]
      >`SELECT id, currency FROM appspaces WHERE seq = ${appspace}`;
      const hooks = await tx<
        { id: string; events: string }[]
      >`SELECT id, events FROM webhooks WHERE appspace_seq = ${appspace}`;
      return {
        id: a!.id,
        currency: a!.currency,
        webhooks: hooks.map((w) => ({ id: w.id, events: w.events.split(",") })),
      };
    },

    async claimEventIds(appspace, ids) {
      const claimed = await tx<{ event_id: string }[]>`
        INSERT INTO event_ids (appspace_seq, event_id) SELECT ${appspace}, id FROM unnest(${ids as string[]}::text[]) AS id
        ON CONFLICT DO NOTHING RETURNING event_id`;
      const fresh = new Set(claimed.map((r) => r.event_id));
      return new Set(ids.filter((id) => !fresh.has(id)));
    },

    async findOrders(appspace, keys) {
      const rows = await tx<{ kind: string; transaction_id: string; event_seq: number | null }[]>`
        SELECT o.kind, o.transaction_id, o.event_seq FROM orders o
        JOIN unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.transaction_id)}::text[]) AS k(kind, transaction_id)
          ON o.kind = k.kind AND o.transaction_id = k.transaction_id
        WHERE o.appspace_seq = ${appspace}`;
      return new Map(rows.map((r) => [`${r.kind}\u0000${r.transaction_id}`, r.event_seq]));
    },
    async insertOrders(appspace, rows) {
      await tx`INSERT INTO orders (appspace_seq, kind, transaction_id, event_seq)
        SELECT ${appspace}, * FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.transaction_id)}::text[], ${rows.map((r) => r.event_seq)}::bigint[])`;
    },

    async loadEvents(seqs) {
      const events = await tx<
        Array<StoredEvent & { seq: number }>
      >`SELECT seq, ${tx(EVENT_COLUMNS)} FROM events e WHERE ${ofAppspace("e")} AND seq = ANY(${seqs as number[]}::bigint[])`;
      const items = await tx<Array<StoredItem & { event_seq: number }>>`
        SELECT event_seq, ${tx(ITEM_COLUMNS)} FROM event_items i
        WHERE ${ofAppspace("i")} AND event_seq = ANY(${seqs as number[]}::bigint[]) ORDER BY event_seq, position`;
      const properties = await tx<{ event_seq: number; key: string; value: string }[]>`
        SELECT event_seq, key, value FROM event_properties p WHERE ${ofAppspace("p")} AND event_seq = ANY(${seqs as number[]}::bigint[])`;
      const out = new Map<number, StoredEvent>();
      for (const { seq, ...row } of events) out.set(seq, { ...(row as StoredEvent), items: [], properties: {} });
      for (const { event_seq, ...item } of items) out.get(event_seq)!.items.push(item);
      for (const p of properties) out.get(p.event_seq)!.properties[p.key] = p.value;
      return out;
    },
    async newEventSeqs(n) {
      // The sequence is looked up once, not once a value (half of this statement's time).
      const rows = await tx<
        { seq: number }[]
      >`WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('events', 'seq')::regclass AS id)
        SELECT nextval(s.id) AS seq FROM s, generate_series(1, ${n})`;
      return rows.map((r) => r.seq).sort((a, b) => a - b);
    },
    async insertEvents(rows) {
      for (const part of chunks(rows, EVENTS_PER_STATEMENT)) {
        const records = part.map((r) => columnsOf(EVENT_COLUMNS, r.event, { seq: r.seq }));
        await tx`INSERT INTO events (seq, ${tx.unsafe(EVENT_LIST)})
          SELECT r.seq, ${tx.unsafe(FROM_EVENTS)} FROM json_populate_recordset(NULL::events, ${recordsJson(records)}::text::json) r`;
      }
      await insertChildren(tx, rows);
    },
    async replaceEvents(rows) {
      const seqs = rows.map((r) => r.seq);
      const columns = EVENT_COLUMNS.join(", ");
      const events = rows.map((r) => columnsOf(EVENT_COLUMNS, r.event, { seq: r.seq }));
      await tx`UPDATE events SET (${tx.unsafe(columns)}) = (${tx.unsafe(EVENT_COLUMNS.map((c) => `r.${c}`).join(", "))})
        FROM json_populate_recordset(NULL::events, ${recordsJson(events)}::text::json) r
        WHERE ${ofAppspace("events")} AND events.appspace_seq = r.appspace_seq AND events.seq = r.seq`;
      await tx`DELETE FROM event_items i WHERE ${ofAppspace("i")} AND event_seq = ANY(${seqs}::bigint[])`;
      await tx`DELETE FROM event_properties p WHERE ${ofAppspace("p")} AND event_seq = ANY(${seqs}::bigint[])`;
      await insertChildren(tx, rows);
    },

    async identitiesOfAnonymous(appspace, anonymousIds) {
      const rows = await tx<{ anonymous_id: string; user_id: string }[]>`
        SELECT anonymous_id, user_id FROM identities WHERE appspace_seq = ${appspace} AND anonymous_id = ANY(${anonymousIds as string[]}::text[])`;
      return new Map(rows.map((r) => [r.anonymous_id, r.user_id]));
    },
    async identitiesOfUsers(appspace, userIds) {
      return [
        ...(await tx<{ anonymous_id: string; user_id: string }[]>`
          SELECT anonymous_id, user_id FROM identities WHERE appspace_seq = ${appspace} AND user_id = ANY(${userIds as string[]}::text[])`),
      ];
    },
    async insertIdentities(appspace, rows) {
      await tx`INSERT INTO identities (appspace_seq, anonymous_id, user_id, first_seen)
        SELECT ${appspace}, * FROM unnest(${rows.map((r) => r.anonymous_id)}::text[], ${rows.map((r) => r.user_id)}::text[], ${rows.map((r) => r.ts)}::bigint[])
        ON CONFLICT DO NOTHING`;
    },

    async visitorPurchases(appspace, userIds, anonymousIds) {
      return [
        ...(await tx<PurchaseRef[]>`
          SELECT seq, ts, user_id, anonymous_id, transaction_id FROM events
          WHERE appspace_seq = ${appspace} AND event_type = 'purchase' AND user_id = ANY(${userIds as string[]}::text[])
          UNION
          SELECT seq, ts, user_id, anonymous_id, transaction_id FROM events
          WHERE appspace_seq = ${appspace} AND event_type = 'purchase' AND anonymous_id = ANY(${anonymousIds as string[]}::text[])`),
      ];
    },

    async addCartDays(_appspace, rows) {
      await tx`INSERT INTO cart_days AS c (appspace_seq, cart, day, added, removed, adds, purchases)
        SELECT * FROM unnest(${rows.map((r) => r.key)}::int[], ${rows.map((r) => r.cart)}::text[], ${rows.map((r) => r.day)}::int[],
          ${rows.map((r) => r.added)}::numeric[], ${rows.map((r) => r.removed)}::numeric[], ${rows.map((r) => r.adds)}::bigint[], ${rows.map((r) => r.purchases)}::bigint[])
        ON CONFLICT (appspace_seq, day, cart) DO UPDATE SET added = c.added + excluded.added, removed = c.removed + excluded.removed,
          adds = c.adds + excluded.adds, purchases = c.purchases + excluded.purchases`;
    },
    async noteProductNames(appspace, rows) {
      await tx`INSERT INTO product_names AS n (appspace_seq, item_id, item_name, ts, event_seq)
        SELECT ${appspace}, * FROM unnest(${rows.map((r) => r.item_id)}::text[], ${rows.map((r) => r.item_name)}::text[],
          ${rows.map((r) => r.ts)}::bigint[], ${rows.map((r) => r.event_seq)}::bigint[])
        ON CONFLICT (appspace_seq, item_id) DO UPDATE SET item_name = excluded.item_name, ts = excluded.ts, event_seq = excluded.event_seq
        WHERE excluded.ts > n.ts OR (excluded.ts = n.ts AND excluded.event_seq >= n.event_seq)`;
    },
    async rebuildProductNames(appspace, itemIds) {
      await tx`DELETE FROM product_names WHERE appspace_seq = ${appspace} AND item_id = ANY(${itemIds as string[]}::text[])`;
      await tx`INSERT INTO product_names (appspace_seq, item_id, item_name, ts, event_seq)
        SELECT DISTINCT ON (i.item_id) i.appspace_seq, i.item_id, i.item_name, e.ts, e.seq FROM event_items i
          JOIN events e ON e.appspace_seq = i.appspace_seq AND e.seq = i.event_seq
        WHERE i.appspace_seq = ${appspace} AND e.appspace_seq = ${appspace} AND i.item_id = ANY(${itemIds as string[]}::text[]) AND i.item_name IS NOT NULL AND i.item_name <> ''
        ORDER BY i.item_id, e.ts DESC, e.seq DESC`;
    },
    async addSdkLosses(appspace, rows) {
      await tx`INSERT INTO sdk_losses AS l (appspace_seq, day, dropped, expired)
        SELECT ${appspace}, * FROM unnest(${rows.map((r) => r.day)}::int[], ${rows.map((r) => r.dropped)}::bigint[], ${rows.map((r) => r.expired)}::bigint[])
        ON CONFLICT (appspace_seq, day) DO UPDATE SET dropped = l.dropped + excluded.dropped, expired = l.expired + excluded.expired`;
    },

    sessionsEvents: (appspace, ids) => sessionsEvents(tx, appspace, ids),
    visitorsEvents: (appspace, visitors) => visitorsEvents(tx, appspace, visitors),
    cartsDays: (key, carts) => cartsDays(tx, key, carts),
    stitchedUsers: (appspace, anonymousIds) => stitchedUsers(tx, appspace, anonymousIds),
    async loadRollups(key, kind, entities) {
      const rows = await tx<{ key: string; data: string }[]>`
        SELECT key, data FROM rollups WHERE appspace_seq = ${key} AND kind = ${kind} AND key = ANY(${entities as string[]}::text[])`;
      return new Map(rows.map((r) => [r.key, r.data]));
    },
    async writeRollups(key, kind, changed, emptied) {
      if (emptied.length)
        await tx`DELETE FROM rollups WHERE appspace_seq = ${key} AND kind = ${kind} AND key = ANY(${emptied as string[]}::text[])`;
      for (const part of chunks(changed, 10_000)) {
        await tx`INSERT INTO rollups (appspace_seq, kind, key, data)
          SELECT ${key}, ${kind}, r.key, r.data FROM json_to_recordset(${recordsJson(part)}::text::json) AS r(key text, data text)
          ON CONFLICT (appspace_seq, kind, key) DO UPDATE SET data = excluded.data`;
      }
    },
    writeReadTables: (rows) => writeReadTableRows(tx, rows),

    ...postgresLedgerRemovals(tx, appspace),

    async enqueueDeliveries(rows) {
      if (appspace === undefined) throw new Error("webhook deliveries are enqueued in one appspace's transaction");
      await tx`INSERT INTO webhook_deliveries (appspace_seq, id, webhook_id, body, created_at, next_at)
        SELECT ${appspace}, id, webhook_id, body, created_at, created_at FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.webhook_id)}::text[],
          ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.created_at)}::bigint[]) AS r(id, webhook_id, body, created_at)`;
    },
    async watchedCarts(appspace, carts) {
      const rows = await tx<WatchedCartRow[]>`
        SELECT cart, last_ts, data, purchased FROM watched_carts WHERE appspace_seq = ${appspace} AND cart = ANY(${carts as string[]}::text[])`;
      return new Map(rows.map((r) => [r.cart, r]));
    },
    async writeWatchedCarts(appspace, rows) {
      await tx`INSERT INTO watched_carts (appspace_seq, cart, last_ts, data, purchased, fired)
        SELECT ${appspace}, *, 0 FROM unnest(${rows.map((r) => r.cart)}::text[], ${rows.map((r) => r.last_ts)}::bigint[], ${rows.map((r) => r.data)}::text[],
          ${rows.map((r) => r.purchased)}::int[])
        ON CONFLICT (appspace_seq, cart) DO UPDATE SET last_ts = excluded.last_ts, data = excluded.data, purchased = excluded.purchased, fired = 0`;
    },
  };
}
