import type { KeyKind } from "./auth/keys.js";
import type { LedgerProcedure, SliceWork } from "./projection/ledger.js";
import type { StoredEvent } from "./model/stored-event.js";
import type { AppspaceSettings } from "./policies/settings.js";
import type { SourcesPort } from "./model/source.js";
import type { ReadModelPort } from "./read-model-port.js";
import type { OutboxPort } from "./outbox-port.js";

export type * from "./read-model-port.js";
export type * from "./outbox-port.js";

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
export type AppspaceChanges = Partial<
  Pick<
    AppspaceRow,
    | "name"
    | "currency"
    | "retention_days"
    | "plan"
    | "quota"
    | "max_order_value"
    | "currencies"
    | "fraud"
    | "website_id"
    | "hello_retail"
  >
>;

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
