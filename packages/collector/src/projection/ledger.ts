import type { StoredEvent } from "../model/stored-event.js";
import type { FraudCounts } from "../store.js";
import type { Contribution, ReadTable } from "../rules/contribution.js";
import type { CartDay } from "../rules/cart-rollup.js";
import type { SessionRow } from "../rules/session-row.js";

/** A value now (SQLite, in the caller's synchronous transaction) or later (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/** A stored purchase as the order index and the velocity rule count them. */
export interface PurchaseRef {
  seq: number;
  ts: number;
  user_id: string | null;
  anonymous_id: string | null;
  transaction_id: string | null;
}

/** An order id as the ledger keeps it: which stored event holds it (null: erased or purged, kept so it is not taken again). */
export interface OrderKey {
  kind: "purchase" | "refund";
  transaction_id: string;
}

/** An additive read-table row summed per key, or a keyed row written (`v`) or deleted (`v` null). */
export interface ReadTableRow {
  t: ReadTable;
  appspace: number;
  k: Contribution["k"];
  v: Contribution["v"] | null;
}

/** A cart's effect on one of its days under a read key, summed. */
export interface CartDayDelta {
  key: number;
  cart: string;
  day: number;
  added: number;
  removed: number;
  adds: number;
  purchases: number;
}

/** A row of the webhook outbox: one event for one webhook, due at once. */
export interface OutboxRow {
  id: string;
  webhook_id: string;
  body: string;
  created_at: number;
}

/** A watched cart as stored: its contents as JSON, its last activity, whether it was bought. */
export interface WatchedCartRow {
  cart: string;
  last_ts: number;
  data: string;
  purchased: number;
}

/**
 * The projection's storage port: batch primitives inside one transaction of one appspace, which
 * a store implements with SQL only (`stores/sqlite/ledger.ts`, `stores/postgres/ledger.ts`). Each
 * takes a whole slice's ids or rows, so the statements a projection step makes do not grow with
 * its events. Every method answers for the appspace the step is for.
 */
export interface Ledger {
  /** The appspace's id and base currency, and each webhook's id with the types it takes. */
  appspace(
    appspace: number,
  ): Awaitable<{ id: string; currency: string; webhooks: Array<{ id: string; events: string[] }> }>;

  /** Claims these (distinct) event ids in the dedup ledger; the ones it already held. */
  claimEventIds(appspace: number, ids: readonly string[]): Awaitable<Set<string>>;

  /** The stored orders among these keys: `kind` + NUL + `transaction_id` → the event seq holding it, or null. */
  findOrders(appspace: number, keys: readonly OrderKey[]): Awaitable<Map<string, number | null>>;
  insertOrders(appspace: number, rows: ReadonlyArray<OrderKey & { event_seq: number }>): Awaitable<void>;

  /** Stored events with their items and properties, by seq. */
  loadEvents(seqs: readonly number[]): Awaitable<Map<number, StoredEvent>>;
  /** Seqs for `n` new events, in order. */
  newEventSeqs(n: number): Awaitable<number[]>;
  /** Writes events (with their items and properties) under the seqs given. */
  insertEvents(rows: ReadonlyArray<{ seq: number; event: StoredEvent }>): Awaitable<void>;
  /** Rewrites stored events in place (orders merged from browser and server). */
  replaceEvents(rows: ReadonlyArray<{ seq: number; event: StoredEvent }>): Awaitable<void>;

  /** The user each of these anonymous ids is stitched to, where it is. */
  identitiesOfAnonymous(appspace: number, anonymousIds: readonly string[]): Awaitable<Map<string, string>>;
  /** The anonymous ids stitched to each of these users. */
  identitiesOfUsers(
    appspace: number,
    userIds: readonly string[],
  ): Awaitable<Array<{ anonymous_id: string; user_id: string }>>;
  /** New links (the anonymous id had none). */
  insertIdentities(
    appspace: number,
    rows: ReadonlyArray<{ anonymous_id: string; user_id: string; ts: number }>,
  ): Awaitable<void>;

  /** Stored purchases whose user id or anonymous id is one of these. */
  visitorPurchases(
    appspace: number,
    userIds: readonly string[],
    anonymousIds: readonly string[],
  ): Awaitable<PurchaseRef[]>;

  /** Cart days summed in. */
  addCartDays(appspace: number, rows: readonly CartDayDelta[]): Awaitable<void>;
  /** Product names of new events, each kept where it is the latest seen (by time, then seq). */
  noteProductNames(
    appspace: number,
    rows: ReadonlyArray<{ item_id: string; item_name: string; ts: number; event_seq: number }>,
  ): Awaitable<void>;
  /** Finds these items' latest names again from the stored events (after a merge or a removal). */
  rebuildProductNames(appspace: number, itemIds: readonly string[]): Awaitable<void>;
  addSdkLosses(
    appspace: number,
    rows: ReadonlyArray<{ day: number; dropped: number; expired: number }>,
  ): Awaitable<void>;

  /** Every event of these sessions (flagged ones included), by session. */
  sessionsEvents(appspace: number, ids: readonly string[]): Awaitable<Map<string, SessionRow[]>>;
  /** Every event whose visitor is one of these now (its user id, its stitched anonymous ids, or itself), by visitor. */
  visitorsEvents(appspace: number, visitors: readonly string[]): Awaitable<Map<string, SessionRow[]>>;
  /** Each cart's days under a read key, oldest first. */
  cartsDays(key: number, carts: readonly string[]): Awaitable<Map<string, CartDay[]>>;
  /** The users these anonymous ids are stitched to. */
  stitchedUsers(appspace: number, anonymousIds: readonly string[]): Awaitable<string[]>;
  /** Stored rollups of one kind under a read key: entity key → data. */
  loadRollups(key: number, kind: string, entities: readonly string[]): Awaitable<Map<string, string>>;
  writeRollups(
    key: number,
    kind: string,
    changed: ReadonlyArray<{ key: string; data: string }>,
    emptied: readonly string[],
  ): Awaitable<void>;
  /** Read-table rows: additive ones summed in, keyed ones written or deleted. */
  writeReadTables(rows: readonly ReadTableRow[]): Awaitable<void>;

  /** Events holding the user id, or an anonymous id stitched to it, or an email seen on those. */
  personEventSeqs(appspace: number, userId: string): Awaitable<number[]>;
  deleteIdentitiesOfUser(appspace: number, userId: string): Awaitable<void>;
  /** What names the person in text: the user id, its stitched anonymous ids, and the emails on their events. */
  personNeedles(appspace: number, userId: string): Awaitable<string[]>;
  /** Platform deliveries kept aside (`source_rejected`) whose body holds any of the needles, removed. */
  eraseRejectedDeliveries(appspace: number, needles: readonly string[]): Awaitable<void>;
  /**
   * What else holds one of the needles as a JSON string value, removed: the appspace's webhook
   * outbox rows (a pending delivery is cancelled, a delivered one forgotten) and its watched carts.
   */
  eraseMentions(appspace: number, needles: readonly string[]): Awaitable<void>;
  /** The inbox entries the appspace moved aside (`inbox_rejected`) whose text holds one of the needles as a JSON string value. */
  rejectedEntriesNaming(appspace: number, needles: readonly string[]): Awaitable<Array<{ seq: number; body: string }>>;
  /** Entries moved aside, rewritten (`body`) or removed (`null`). */
  rewriteRejectedEntries(appspace: number, rows: ReadonlyArray<{ seq: number; body: string | null }>): Awaitable<void>;
  /** Up to `limit` events older than `cutoff`, oldest first. */
  expiredEventSeqs(appspace: number, cutoff: number, limit: number): Awaitable<number[]>;
  /** The appspace's SDK loss reports and watched carts older than `cutoff`, removed. */
  purgeExpiredFacts(appspace: number, cutoff: number): Awaitable<void>;
  /**
   * Removes events with their items and properties; the dedup ledgers keep bare ids (event ids,
   * orders with their event emptied), so a late retry cannot bring them back.
   */
  removeEvents(appspace: number, seqs: readonly number[]): Awaitable<void>;
  /** Every read table, rollup and cart day emptied (before a rebuild). */
  clearReadModel(): Awaitable<void>;
  /** Up to `limit` event seqs after `after`, in order (a rebuild reads every event in chunks). */
  eventSeqsAfter(after: number, limit: number): Awaitable<number[]>;
  /** Whether the read model was built from the events the database holds (false: written before it, rebuild it). */
  readModelBuilt(): Awaitable<boolean>;
  markReadModelBuilt(): Awaitable<void>;

  enqueueDeliveries(rows: readonly OutboxRow[]): Awaitable<void>;
  watchedCarts(appspace: number, carts: readonly string[]): Awaitable<Map<string, WatchedCartRow>>;
  writeWatchedCarts(appspace: number, rows: readonly WatchedCartRow[]): Awaitable<void>;
}

/** The ledger's removals and maintenance: erase, the retention purge, and a rebuild's reads and clears. */
export type LedgerRemovals = Pick<
  Ledger,
  | "personEventSeqs"
  | "deleteIdentitiesOfUser"
  | "personNeedles"
  | "eraseRejectedDeliveries"
  | "eraseMentions"
  | "rejectedEntriesNaming"
  | "rewriteRejectedEntries"
  | "expiredEventSeqs"
  | "purgeExpiredFacts"
  | "removeEvents"
  | "clearReadModel"
  | "eventSeqsAfter"
  | "readModelBuilt"
  | "markReadModelBuilt"
>;

/** An inbox entry of a projection step, as the store hands it over. */
export interface SliceEntry {
  seq: number;
  body: string;
}

/** What a step did besides its writes: entries it could not read (the store moves them aside), and the fraud rules' verdicts. */
export interface SliceOutcome {
  rejected: Array<{ seq: number; reason: string }>;
  fraud: FraudCounts;
}

/** The work of a projection step: a procedure over the ledger for the step's entries. */
export type SliceWork = (entries: readonly SliceEntry[]) => LedgerProcedure<SliceOutcome>;

/** A request to the ledger, as a projection procedure yields it. */
export type LedgerCall = (ledger: Ledger) => Awaitable<unknown>;

/** A procedure over the ledger, written once: a generator that yields its ledger calls. */
export type LedgerProcedure<R> = Generator<LedgerCall, R, unknown>;

/**
 * One ledger call from inside a procedure: `const known = yield* ask((l) => l.claimEventIds(a, ids))`.
 * The store that runs the procedure answers it at once (SQLite, so the whole step stays one
 * synchronous transaction) or after a round trip (PostgreSQL).
 */
export function* ask<T>(call: (ledger: Ledger) => Awaitable<T>): Generator<LedgerCall, T, unknown> {
  return (yield call) as T;
}

/** Runs a procedure against a synchronous ledger (every answer a value, never a Promise). */
export function runSync<R>(procedure: LedgerProcedure<R>, ledger: Ledger): R {
  let next = procedure.next();
  while (!next.done) {
    const answer = next.value(ledger);
    if (answer instanceof Promise) throw new TypeError("a synchronous ledger answered with a Promise");
    next = procedure.next(answer);
  }
  return next.value;
}

/** Runs a procedure against a ledger that answers after round trips. */
export async function runAsync<R>(procedure: LedgerProcedure<R>, ledger: Ledger): Promise<R> {
  let next = procedure.next();
  while (!next.done) next = procedure.next(await next.value(ledger));
  return next.value;
}
