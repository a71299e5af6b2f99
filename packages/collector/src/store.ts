import type { KeyKind } from "./auth/keys.js";
import type { LedgerProcedure, SliceWork } from "./projection/ledger.js";
import type { StoredEvent } from "./model/stored-event.js";
import type { DayRange } from "./model/time.js";
import type { CartDay } from "./rules/cart-rollup.js";
import type { SpanningEvent } from "./rules/session-rollup.js";
import type { LiveVisitor } from "./rules/visitor-rollup.js";
import type { AppspaceSettings } from "./policies/settings.js";
import type { SourcesPort } from "./model/source.js";

export interface AppspaceRow {
  seq: number;
  id: string;
  name: string;
  currency: string;
  retention_days: number;
  created_at: number;
  /** Settings (see `policies/settings.ts` for what each means and its default); absent on rows written before them. */
  plan?: "free" | "pro";
  quota?: number | null;
  max_order_value?: number | null;
  currencies?: string | null;
  fraud?: string;
  /** The id Hello Retail's snippet names the appspace by (`websiteUuid`); the appspace id on rows made before it. */
  website_id?: string | null;
  /** Whether `POST /serve/collect/conversion` takes the appspace's conversions: 1 (default) or 0. */
  hello_retail?: number;
}

/** Settings an operator changes (`appspace update`); an absent field is left as it is. */
export type AppspaceChanges = Partial<Pick<AppspaceRow, "name" | "currency" | "retention_days" | "plan" | "quota" | "max_order_value" | "currencies" | "fraud" | "website_id" | "hello_retail">>;

export interface KeyRow {
  seq: number;
  appspace_id: string;
  kind: KeyKind;
  key_hint: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ResolvedKey {
  appspace_seq: number;
  kind: KeyKind;
}

/** A key to store: only its hash and a hint of it, never the key itself. */
export interface NewKey {
  kind: KeyKind;
  hash: string;
  hint: string;
  created_at: number;
}

/** An SDK's report, with a batch, of events it had to drop or let expire before delivery. */
export interface SdkLosses {
  appspaceSeq: number;
  day: number;
  dropped: number;
  expired: number;
}

/**
 * One acknowledged request's share of the inbox, as the ingest path encoded it (see
 * `ingest/inbox-entry.ts`): the store keeps the text and its event count, and hands the text
 * back to the projector's decoder.
 */
export interface InboxEntry {
  /** The appspace the request was for: projection progress and back-pressure are kept per appspace. */
  appspaceSeq: number;
  text: string;
  events: number;
  /** Events the entry counts towards the appspace's monthly quota, added in the same commit. */
  quota?: QuotaCharge;
}

/** A month's count of accepted events for an appspace; `month` is year × 12 + month index (UTC). */
export interface QuotaCharge {
  appspaceSeq: number;
  month: number;
  events: number;
}

/** An anonymous id seen with a user id outside an event (a Segment `identify`): the same person. */
export interface IdentityLink {
  appspaceSeq: number;
  anonymousId: string;
  userId: string;
  ts: number;
}

/** An inbox entry decoded for projection: its events, validated and enriched, an SDK's loss report, identity links. */
export interface DecodedEntry {
  events: StoredEvent[];
  losses?: SdkLosses;
  links?: IdentityLink[];
  /** The appspace's settings when the request was acknowledged (fraud rules), and whether it was an import (no webhooks). */
  policy?: { settings: AppspaceSettings; imported?: boolean };
}

/**
 * Where the inbox and the projector stand, for one appspace or (totals) for all. Positions are
 * inbox sequence numbers; an appspace's entries are applied in their inbox order, so once its
 * `projected` reaches the `appended` a query read on arrival, everything acknowledged for it
 * before is visible.
 */
export interface Positions {
  /** The last entry appended (acknowledged). */
  appended: number;
  /** The last entry the projector has applied. */
  projected: number;
  /** Events appended and not yet projected. */
  backlogEvents: number;
}

/** What one projection step of one appspace did. */
export interface ProjectionStep {
  appspace: number;
  /** Inbox entries applied (rejected ones included). */
  entries: number;
  events: number;
  position: number;
  /** Entries moved aside instead of applied, with the reason. */
  rejected: Array<{ seq: number; reason: string }>;
  /** Another process was projecting this appspace's partition (a shared database): nothing was applied. */
  busy?: boolean;
  /** The appspace's events still waiting after the step. */
  backlogEvents: number;
  /** Events the fraud rules dropped and marked, by rule. */
  fraud?: FraudCounts;
}

export interface FraudCounts {
  blocked: Record<string, number>;
  flagged: Record<string, number>;
}

/** A flagged event as `GET …/flagged` lists it; money in base minor units and in its own. */
export interface FlaggedEvent {
  event_id: string;
  event_type: string;
  transaction_id: string | null;
  revenue_base: number | null;
  revenue: number | null;
  currency: string;
  ts: number;
  rules: string[];
}

export interface WebhookRow {
  id: string;
  appspace_id: string;
  url: string;
  events: string[];
  secret: string;
  created_at: number;
  /** May reach a loopback, link-local or private address (`webhook add --allow-private`). */
  allow_private?: boolean;
}

/** A webhook delivery that is due, claimed (leased) for one attempt. */
export interface DueDelivery {
  seq: number;
  id: string;
  url: string;
  secret: string;
  body: string;
  attempts: number;
  created_at: number;
  /** The webhook's `allow_private`: 1 or 0. */
  allow_private: number;
}

/** How an attempt ended: delivered, to be tried again at `next_at`, or given up. */
export type DeliveryOutcome =
  | { delivered_at: number }
  | { next_at: number; error: string }
  | { gave_up_at: number; error: string };

export interface OrderTotals {
  orders: number;
  revenue: number;
  refunds: number;
  refund_amount: number;
  items_sold: number;
  /** Purchases without any visitor id (always unattributed). */
  anonymous_orders: number;
  anonymous_revenue: number;
}

export interface Campaign {
  campaign: string | null;
  source: string | null;
  medium: string | null;
}

export type BreakdownColumn = "device_type" | "platform" | "country";

/** Cart abandonment's facts for a range: carts inside one day summed, carts spanning days by their days in the range. */
export interface CartTotals {
  completed: number;
  abandoned: number;
  abandoned_value: number;
  spanning: CartDay[][];
}

/** revenue-by-channel's facts for a range; `channel` is a JSON [campaign, source, medium]. */
export interface ChannelFacts {
  rows: Array<{ channel: string; sessions: number; orders: number; revenue: number }>;
  spanning: SpanningEvent[][];
}

/** Attribution's facts for a range, model and window: fixed credit per channel ('' = unattributed), and the visitors the range decides. */
export interface AttributionFacts {
  rows: Array<{ channel: string; revenue: number; orders: number }>;
  live: LiveVisitor[];
}

export interface JourneyEvent {
  event_type: string;
  ts: number;
  transaction_id: string | null;
  revenue_base: number | null;
  items: Array<{ item_id: string; item_name: string | null; price_base: number | null; quantity: number }>;
}

/** Orders of one (seen_by, device, platform) group: `seen_by` bits 1 = browser, 2 = server. */
export interface CoverageRow {
  seen_by: number;
  device_type: string | null;
  platform: string | null;
  /** Where the server side's copy came from, and the browser's door (see `model/stored-event.ts`); null on rows from before they were recorded. */
  server_door: string | null;
  client_door: string | null;
  orders: number;
  revenue: number;
}

export interface ProductSales {
  item_id: string;
  item_name: string | null;
  revenue: number;
  quantity: number;
  orders: number;
}

/** Appspaces, their settings and their keys (stored hashed). */
export interface AppspacesPort {
  createAppspace(row: Omit<AppspaceRow, "seq">, keys: NewKey[]): Promise<number>;
  addKey(appspaceSeq: number, key: NewKey): Promise<void>;
  findActiveKey(hash: string): Promise<ResolvedKey | undefined>;
  findAppspaceBySeq(seq: number): Promise<AppspaceRow | undefined>;
  findAppspaceById(id: string): Promise<AppspaceRow | undefined>;
  listAppspaces(): Promise<AppspaceRow[]>;
  listKeys(appspaceId: string): Promise<KeyRow[]>;
  /** Changes an appspace's name, currency or settings; the row after, or undefined when no such appspace. */
  updateAppspace(id: string, changes: AppspaceChanges): Promise<AppspaceRow | undefined>;
  /** Revokes by key seq or by the key's hash; whether a key was revoked. */
  revokeKey(by: { seq?: number; hash?: string }, now: number): Promise<boolean>;
}

/**
 * The durable inbox requests are acknowledged from, and the transactions projection runs in:
 * per appspace, each appspace's entries in their inbox order (see `projection/`).
 */
export interface InboxPort {
  /** Appends the entries durably, all in one commit (group commit), with their quota charges; resolves once committed. */
  append(entries: readonly InboxEntry[]): Promise<void>;
  /** Events counted towards the appspace's quota in the month (year × 12 + month index, UTC), by every collector. */
  quotaUsage(appspaceSeq: number, month: number): Promise<number>;
  /** Where one appspace's entries stand, or (without one) the totals over every appspace. */
  positions(appspace?: number): Promise<Positions>;
  /** The appspaces with entries not yet projected, oldest entry first. */
  pendingAppspaces(): Promise<number[]>;
  /**
   * Runs `work` (the projection, `projection/project-slice.ts`) over the appspace's next inbox
   * entries (up to about `maxEvents` events) in one transaction with the store's ledger, and
   * moves the appspace's position with it, so a crash at any instant applies each entry exactly
   * once. Entries the work could not read are moved aside with the reason. On a shared database the step holds the
   * lease of the appspace's partition; another collector holding it makes the step `busy`.
   */
  project(appspace: number, maxEvents: number, work: SliceWork): Promise<ProjectionStep>;
  /** Moves the appspace's next unprojected entry to `inbox_rejected` with the reason (an entry that fails to project alone); its seq. */
  setAside(appspace: number, reason: string): Promise<number | undefined>;

  /**
   * Runs a procedure over the ledger (erase, the retention purge, a rebuild: see `projection/`)
   * in one transaction holding the appspace's projection partition, or every partition without
   * one, so no projection step of it runs meanwhile on any collector.
   */
  withLedger<R>(appspace: number | undefined, procedure: LedgerProcedure<R>): Promise<R>;
  /**
   * After an erase: no byte of the database's files may still hold what was erased. The
   * appspace's applied inbox entries (request bodies as they came) are removed, and on SQLite the
   * write-ahead logs are emptied into the files, whose freed pages are zeroed (`secure_delete`).
   */
  scrubAfterErase(appspace: number): Promise<void>;
}

/**
 * The reads of each query endpoint. They take a read key for `appspace`: the appspace's seq for
 * every event, or its negation for unflagged events only (`exclude_flagged=true`, see
 * `model/read-key.ts`). Money is in the base currency's minor units.
 */
export interface ReadModelPort {
  orderTotals(appspace: number, range: DayRange): Promise<OrderTotals>;
  revenueByDay(appspace: number, range: DayRange): Promise<Array<{ day: number; revenue: number; orders: number }>>;
  revenueBy(appspace: number, range: DayRange, column: BreakdownColumn): Promise<Array<{ key: string | null; revenue: number; orders: number }>>;
  revenueByCoupon(appspace: number, range: DayRange): Promise<Array<{ coupon_code: string; revenue: number; orders: number; discount: number }>>;
  topProducts(appspace: number, range: DayRange, limit: number): Promise<ProductSales[]>;
  /** Visitors who viewed an item, and who added to cart, in the range. */
  cartVisitors(appspace: number, range: DayRange): Promise<{ viewers: number; adders: number }>;
  /** Visitors at each step of the closed, ordered funnel in the range. */
  funnelCounts(appspace: number, range: DayRange): Promise<number[]>;
  cartTotals(appspace: number, range: DayRange): Promise<CartTotals>;
  channelFacts(appspace: number, range: DayRange): Promise<ChannelFacts>;
  attributionFacts(appspace: number, range: DayRange, model: string, windowDays: number): Promise<AttributionFacts>;
  /** Users and purchase revenue per (cohort month, month), months as year × 12 + month index. */
  cohortCells(appspace: number): Promise<Array<{ cohort: number; month: number; users: number; revenue: number }>>;
  /** A person's events (their user id or an anonymous id stitched to it) in [start, end), oldest first. */
  journey(appspace: number, userId: string, start: number, end: number): Promise<JourneyEvent[]>;
  /** Orders in the range by who reported them, device and platform (the coverage report). */
  coverage(appspace: number, range: DayRange): Promise<CoverageRow[]>;
  /** Which of these purchase order ids are stored, and who reported each (`seen_by` bits: 1 browser, 2 server). */
  ordersSeen(appspace: number, transactionIds: readonly string[]): Promise<Map<string, number>>;
  /** Which of these event ids the appspace has already stored (or dropped as repeats). */
  knownEventIds(appspace: number, eventIds: readonly string[]): Promise<Set<string>>;
  /** Flagged events in the range, oldest first. */
  flaggedEvents(appspace: number, range: DayRange): Promise<FlaggedEvent[]>;
}

/** Webhooks and their durable outbox (the projection fills it in its own transaction). */
export interface OutboxPort {
  addWebhook(row: WebhookRow): Promise<void>;
  listWebhooks(appspaceId?: string): Promise<WebhookRow[]>;
  /** Removes a webhook and its undelivered events; whether it existed. */
  removeWebhook(id: string): Promise<boolean>;
  /** Claims up to `limit` due deliveries, leasing each until `now + leaseMs` so no other collector sends it meanwhile. */
  claimDeliveries(now: number, leaseMs: number, limit: number): Promise<DueDelivery[]>;
  finishDelivery(seq: number, outcome: DeliveryOutcome): Promise<void>;
  /** Deliveries neither delivered nor given up. */
  webhookBacklog(): Promise<number>;
  /** Puts a `cart_abandoned` event in the outbox for each watched cart idle since before `idleBefore` with no purchase; how many. */
  fireAbandonedCarts(idleBefore: number, now: number): Promise<number>;
}

/**
 * Everything above storage talks to this: the role ports above, implemented by
 * `createSqliteStore` and `createPostgresStore`. SQL and transactions live only inside a store.
 */
export interface Store extends AppspacesPort, InboxPort, ReadModelPort, OutboxPort, SourcesPort {
  readonly kind: string;
  /** Whether other processes may append to and project the same data (PostgreSQL), so a projector must look for work it was not told of. */
  readonly shared?: boolean;
  ping(): Promise<void>;
  close(): Promise<void>;

  // Hardening (added at the end; SQL in appspaces.queries.ts of each store)
  /** The appspace Hello Retail's snippet names by `websiteUuid`. */
  findAppspaceByWebsiteId(websiteId: string): Promise<AppspaceRow | undefined>;
  /** Adds to the events a fraud rule at block dropped, counted at ingest (SQL in fraud-drops.queries.ts). */
  addFraudDrops(appspaceSeq: number, rule: string, month: number, events: number): Promise<void>;
  /** The events each fraud rule dropped in the appspace and UTC month (`policies/month.ts`). */
  fraudDrops(appspaceSeq: number, month: number): Promise<Record<string, number>>;
}
