import type { Store } from "../../store.js";
import {
  findAppspaceById,
  findAppspaceBySeq,
  findAppspaceByWebsiteId,
  insertAppspace,
  listAppspaces,
  updateAppspace,
} from "./appspaces.queries.js";
import { cartTotals, cartVisitors, funnelCounts } from "./behaviour.queries.js";
import { channelFacts } from "./channels.queries.js";
import { attributionFacts, cohortCells } from "./attribution.queries.js";
import { coverage } from "./coverage.queries.js";
import { knownEventIds, ordersSeen } from "./events.queries.js";
import {
  appendEntries,
  pendingAppspaces,
  projectEntries,
  quotaUsage,
  readPositions,
  scrubAfterErase,
  setAside,
} from "./inbox.queries.js";
import { addFraudDrops, fraudDrops } from "./fraud-drops.queries.js";
import { findActiveKey, insertKey, listKeys, revokeKey } from "./keys.queries.js";
import { openDatabase, openInbox, type Db } from "./open.js";
import { flaggedEvents, journey } from "./people.queries.js";
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
import { runSync } from "../../projection/ledger.js";
import { sqliteLedger } from "./ledger.js";
import { orderTotals, revenueBy, revenueByCoupon, revenueByDay, topProducts } from "./revenue.queries.js";

export interface SqliteStore extends Store {
  /** The open database, for the store's own tests and for inspection in tests. */
  readonly db: Db;
  /** The inbox file's connection, likewise. */
  readonly inbox: Db;
}

export interface SqliteStoreOptions {
  /** The database file, or `":memory:"`. */
  file: string;
  /** Epoch milliseconds now, for what the store stamps itself (entries applied or set aside). */
  clock?: () => number;
}

/**
 * The embedded default: every table in one SQLite file (or `":memory:"`), the inbox in a second
 * one beside it (`<file>-inbox`), better-sqlite3 in this process. Its calls are synchronous underneath; they answer through Promises like every store.
 *
 * @example
 * const store = createSqliteStore({ file: "./tally.db" });
 * const { app } = startCollector({ store, rates });
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDatabase(options.file);
  const files = { db, inbox: openInbox(options.file), appendsSinceCompaction: 0 };
  const ledger = sqliteLedger(db);
  const clock = options.clock ?? Date.now;
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return {
    kind: "sqlite",
    db,
    inbox: files.inbox,

    createAppspace: (row, keys) =>
      run(() =>
        db.transaction(() => {
          const seq = insertAppspace(db, row);
          for (const key of keys) insertKey(db, seq, key);
          return seq;
        })(),
      ),
    addKey: (appspaceSeq, key) => run(() => insertKey(db, appspaceSeq, key)),
    findActiveKey: (hash) => run(() => findActiveKey(db, hash)),
    findAppspaceBySeq: (seq) => run(() => findAppspaceBySeq(db, seq)),
    findAppspaceById: (id) => run(() => findAppspaceById(db, id)),
    findAppspaceByWebsiteId: (websiteId) => run(() => findAppspaceByWebsiteId(db, websiteId)),
    addFraudDrops: (appspaceSeq, rule, month, events) =>
      run(() => addFraudDrops(files.inbox, appspaceSeq, rule, month, events)),
    fraudDrops: (appspaceSeq, month) => run(() => fraudDrops(files.inbox, appspaceSeq, month)),
    listAppspaces: () => run(() => listAppspaces(db)),
    listKeys: (appspaceId) => run(() => listKeys(db, appspaceId)),
    revokeKey: (by, now) => run(() => revokeKey(db, by, now)),
    updateAppspace: (id, changes) => run(() => updateAppspace(db, id, changes)),

    append: (entries) => run(() => appendEntries(files, entries)),
    positions: (appspace) => run(() => readPositions(files, appspace)),
    pendingAppspaces: () => run(() => pendingAppspaces(files)),
    setAside: (appspace, reason) => run(() => setAside(files, appspace, reason, clock())),
    quotaUsage: (appspaceSeq, month) => run(() => quotaUsage(files, appspaceSeq, month)),
    project: (appspace, maxEvents, work) =>
      run(() => projectEntries(files, appspace, maxEvents, (entries) => runSync(work(entries), ledger), clock())),

    orderTotals: (appspace, range) => run(() => orderTotals(db, appspace, range)),
    revenueByDay: (appspace, range) => run(() => revenueByDay(db, appspace, range)),
    revenueBy: (appspace, range, column) => run(() => revenueBy(db, appspace, range, column)),
    revenueByCoupon: (appspace, range) => run(() => revenueByCoupon(db, appspace, range)),
    topProducts: (appspace, range, limit) => run(() => topProducts(db, appspace, range, limit)),
    cartVisitors: (appspace, range) => run(() => cartVisitors(db, appspace, range)),
    funnelCounts: (appspace, range) => run(() => funnelCounts(db, appspace, range)),
    cartTotals: (appspace, range) => run(() => cartTotals(db, appspace, range)),
    channelFacts: (appspace, range) => run(() => channelFacts(db, appspace, range)),
    attributionFacts: (appspace, range, model, windowDays) =>
      run(() => attributionFacts(db, appspace, range, model, windowDays)),
    cohortCells: (appspace) => run(() => cohortCells(db, appspace)),
    journey: (appspace, userId, start, end) => run(() => journey(db, appspace, userId, start, end)),
    coverage: (appspace, range) => run(() => coverage(db, appspace, range)),
    ordersSeen: (appspace, ids) => run(() => ordersSeen(db, appspace, ids)),
    knownEventIds: (appspace, ids) => run(() => knownEventIds(db, appspace, ids)),
    flaggedEvents: (appspace, range) => run(() => flaggedEvents(db, appspace, range)),

    scrubAfterErase: (appspace) => scrubAfterErase(files, appspace),
    withLedger: (_appspace, procedure) => run(() => db.transaction(() => runSync(procedure, ledger)).immediate()),

    addWebhook: (row) => run(() => addWebhook(db, row)),
    listWebhooks: (appspaceId) => run(() => listWebhooks(db, appspaceId)),
    removeWebhook: (id) => run(() => removeWebhook(db, id)),
    claimDeliveries: (now, leaseMs, limit) => run(() => claimDeliveries(db, now, leaseMs, limit)),
    finishDelivery: (seq, outcome) => run(() => finishDelivery(db, seq, outcome)),
    webhookBacklog: () => run(() => webhookBacklog(db)),
    purgeFinishedDeliveries: (before) => run(() => purgeFinishedDeliveries(db, before)),
    fireAbandonedCarts: (idleBefore, abandonment) => run(() => fireAbandonedCarts(db, idleBefore, abandonment)),

    addSource: (row) => run(() => addSource(db, row)),
    findSource: (id) => run(() => findSource(db, id)),
    listSources: (appspaceId) => run(() => listSources(db, appspaceId)),
    removeSource: (id, now) => run(() => removeSource(db, id, now)),
    sourceState: (sourceId, key) => run(() => sourceState(db, sourceId, key)),
    setSourceState: (sourceId, key, value, onlyIfAbsent) =>
      run(() => setSourceState(db, sourceId, key, value, onlyIfAbsent)),
    rejectDelivery: (row) => run(() => rejectDelivery(db, row)),
    rejectedDeliveries: (sourceId) => run(() => rejectedDeliveries(db, sourceId)),

    ping: () => run(() => void db.prepare("SELECT 1").get()),
    close: () =>
      run(() => {
        files.inbox.close();
        db.close();
      }),
  };
}
