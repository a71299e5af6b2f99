import type { Store } from "../../store.js";
import { connect, describeConnectError, isUnavailable, type Sql } from "./connect.js";
import { StoreUnavailableError } from "../../errors.js";
import { migrate } from "./migrate.js";
import { statisticsKeeper } from "./statistics.js";
import { addFraudDrops, fraudDrops } from "./fraud-drops.queries.js";
import {
  findActiveKey,
  findAppspaceById,
  findAppspaceBySeq,
  findAppspaceByWebsiteId,
  insertAppspace,
  insertKey,
  listAppspaces,
  listKeys,
  revokeKey,
  updateAppspace,
} from "./appspaces.queries.js";
import {
  appendEntries,
  lockAllPartitions,
  lockPartition,
  pendingAppspaces,
  projectEntries,
  quotaUsage,
  readPositions,
  setAside,
} from "./inbox.queries.js";
import { knownEventIds, ordersSeen } from "./events.queries.js";
import { postgresLedger } from "./ledger.js";
import { runAsync, type LedgerProcedure } from "../../projection/ledger.js";
import { orderTotals, revenueBy, revenueByCoupon, revenueByDay, topProducts } from "./revenue.queries.js";
import { cartTotals, cartVisitors, funnelCounts } from "./behaviour.queries.js";
import { channelFacts } from "./channels.queries.js";
import { attributionFacts, cohortCells } from "./attribution.queries.js";
import { coverage, flaggedEvents, journey } from "./people.queries.js";
import {
  addSource,
  findSource,
  listSources,
  rejectDelivery,
  rejectedDeliveries,
  removeSource,
  setSourceState,
  sourceState,
} from "./sources.queries.js";
import {
  addWebhook,
  claimDeliveries,
  finishDelivery,
  listWebhooks,
  removeWebhook,
  webhookBacklog,
  purgeFinishedDeliveries,
} from "./webhooks.queries.js";
import { fireAbandonedCarts } from "./watched-carts.queries.js";

export interface PostgresStore extends Store {
  /** The connection pool, for the store's own tests and for inspection in tests. */
  readonly sql: Sql;
}

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/dbname` (or `postgresql://…`). */
  url: string;
  /** A schema to keep the tables in (created when missing); by default the connection's search path. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
  /** Epoch milliseconds now, for what the store stamps itself (entries applied or set aside). */
  clock?: () => number;
}

/**
 * Several stateless collectors on one PostgreSQL database: the inbox is a table any of them
 * appends to, and projection steps of an appspace take turns under its partition's advisory lock
 * (see `projectEntries`) while other partitions project on other collectors, so
 * every collector answers from the same tables and none applies an entry twice. Connects and
 * brings the schema up to date before it resolves; a database it cannot reach or sign in to is
 * one line that names it (`DatabaseUrlError`).
 *
 * @example
 * const store = await createPostgresStore({ url: "postgres://tally@localhost/tally" });
 * const { app } = startCollector({ store, rates });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const sql = connect(options.url, { schema: options.schema, max: options.max });
  const statistics = statisticsKeeper(sql);
  const clock = options.clock ?? Date.now;
  try {
    await migrate(sql, options.schema);
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw describeConnectError(options.url, error);
  }

  return unavailableAsStoreError({
    kind: "postgres",
    shared: true,
    sql,

    createAppspace: (row, keys) =>
      sql.begin(async (tx) => {
        const seq = await insertAppspace(tx, row);
        for (const key of keys) await insertKey(tx, seq, key);
        return seq;
      }),
    addKey: (appspaceSeq, key) => insertKey(sql, appspaceSeq, key),
    findActiveKey: (hash) => findActiveKey(sql, hash),
    findAppspaceBySeq: (seq) => findAppspaceBySeq(sql, seq),
    findAppspaceById: (id) => findAppspaceById(sql, id),
    findAppspaceByWebsiteId: (websiteId) => findAppspaceByWebsiteId(sql, websiteId),
    addFraudDrops: (appspaceSeq, rule, month, events) => addFraudDrops(sql, appspaceSeq, rule, month, events),
    fraudDrops: (appspaceSeq, month) => fraudDrops(sql, appspaceSeq, month),
    listAppspaces: () => listAppspaces(sql),
    listKeys: (appspaceId) => listKeys(sql, appspaceId),
    revokeKey: (by, now) => revokeKey(sql, by, now),
    updateAppspace: (id, changes) => updateAppspace(sql, id, changes),

    append: (entries) => appendEntries(sql, entries),
    positions: (appspace) => readPositions(sql, appspace),
    pendingAppspaces: () => pendingAppspaces(sql),
    setAside: (appspace, reason) => setAside(sql, appspace, reason, clock()),
    quotaUsage: (appspaceSeq, month) => quotaUsage(sql, appspaceSeq, month),
    project: async (appspace, maxEvents, work) => {
      const step = await projectEntries(
        sql,
        appspace,
        maxEvents,
        (tx, entries) => runAsync(work(entries), postgresLedger(tx, appspace)),
        clock(),
      );
      statistics.projected(step.events);
      return step;
    },

    orderTotals: (appspace, range) => orderTotals(sql, appspace, range),
    revenueByDay: (appspace, range) => revenueByDay(sql, appspace, range),
    revenueBy: (appspace, range, column) => revenueBy(sql, appspace, range, column),
    revenueByCoupon: (appspace, range) => revenueByCoupon(sql, appspace, range),
    topProducts: (appspace, range, limit) => topProducts(sql, appspace, range, limit),
    cartVisitors: (appspace, range) => cartVisitors(sql, appspace, range),
    funnelCounts: (appspace, range) => funnelCounts(sql, appspace, range),
    cartTotals: (appspace, range) => cartTotals(sql, appspace, range),
    channelFacts: (appspace, range) => channelFacts(sql, appspace, range),
    attributionFacts: (appspace, range, model, windowDays) => attributionFacts(sql, appspace, range, model, windowDays),
    cohortCells: (appspace) => cohortCells(sql, appspace),
    journey: (appspace, userId, start, end) => journey(sql, appspace, userId, start, end),
    coverage: (appspace, range) => coverage(sql, appspace, range),
    ordersSeen: (appspace, ids) => ordersSeen(sql, appspace, ids),
    knownEventIds: (appspace, ids) => knownEventIds(sql, appspace, ids),
    flaggedEvents: (appspace, range) => flaggedEvents(sql, appspace, range),

    // Applied inbox entries are deleted in the transaction that applies them; the server's own files are its to manage.
    scrubAfterErase: async () => {},
    withLedger: async <R>(appspace: number | undefined, procedure: LedgerProcedure<R>) => {
      let result: R;
      await sql.begin(async (tx) => {
        await (appspace === undefined ? lockAllPartitions(tx) : lockPartition(tx, appspace));
        result = await runAsync(procedure, postgresLedger(tx, appspace));
      });
      return result!;
    },

    addWebhook: (row) => addWebhook(sql, row),
    listWebhooks: (appspaceId) => listWebhooks(sql, appspaceId),
    removeWebhook: (id) => sql.begin((tx) => removeWebhook(tx, id)),
    claimDeliveries: (now, leaseMs, limit) => sql.begin((tx) => claimDeliveries(tx, now, leaseMs, limit)),
    finishDelivery: (seq, outcome) => finishDelivery(sql, seq, outcome),
    webhookBacklog: () => webhookBacklog(sql),
    purgeFinishedDeliveries: (before) => purgeFinishedDeliveries(sql, before),
    fireAbandonedCarts: (idleBefore, abandonment) => fireAbandonedCarts(sql, idleBefore, abandonment),

    addSource: (row) => addSource(sql, row),
    findSource: (id) => findSource(sql, id),
    listSources: (appspaceId) => listSources(sql, appspaceId),
    removeSource: (id, now) => sql.begin((tx) => removeSource(tx, id, now)),
    sourceState: (sourceId, key) => sourceState(sql, sourceId, key),
    setSourceState: (sourceId, key, value, onlyIfAbsent) => setSourceState(sql, sourceId, key, value, onlyIfAbsent),
    rejectDelivery: (row) => rejectDelivery(sql, row),
    rejectedDeliveries: (sourceId) => rejectedDeliveries(sql, sourceId),

    ping: async () => void (await sql`SELECT 1`),
    close: async () => {
      await statistics.settled();
      await sql.end({ timeout: 5 });
    },
  });
}

/**
 * The store with every method's "database unreachable" failure turned into
 * `StoreUnavailableError`: the caller may try again, since nothing it sent was committed, and
 * the pool reconnects by itself once the server is back.
 */
function unavailableAsStoreError(store: PostgresStore): PostgresStore {
  const wrapped: Record<string, unknown> = { ...store };
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== "function" || name === "close" || name === "sql") continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw isUnavailable(error) ? new StoreUnavailableError(error) : error;
      }
    };
  }
  return wrapped as unknown as PostgresStore;
}
