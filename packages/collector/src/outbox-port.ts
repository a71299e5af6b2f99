import type { LedgerProcedure } from "./projection/ledger.js";

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

/** A watched cart the abandoned-cart pass found idle, with its contents as stored. */
export interface IdleCart {
  appspace_seq: number;
  cart: string;
  last_ts: number;
  data: string;
}

/**
 * What one appspace's idle carts fire, as a procedure over the store's ledger in the transaction
 * that claimed them (it puts the events in the outbox); how many carts fired an event.
 */
export type CartAbandonment = (appspace: number, carts: readonly IdleCart[]) => LedgerProcedure<number>;

/** Webhooks and their durable outbox (the projection fills it in its own transaction). */
export interface OutboxPort {
  addWebhook(row: WebhookRow): Promise<void>;
  listWebhooks(appspaceId?: string): Promise<WebhookRow[]>;
  /** Removes a webhook and its undelivered events; whether it existed. */
  removeWebhook(id: string): Promise<boolean>;
  /** Claims up to `limit` due deliveries, leasing each until `now + leaseMs` so no other collector sends it meanwhile. */
  claimDeliveries(now: number, leaseMs: number, limit: number): Promise<DueDelivery[]>;
  finishDelivery(seq: number, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Deletes deliveries delivered or given up before `before` (their bodies carry order and
   * customer data, kept only as long as someone may ask what was sent); how many.
   */
  purgeFinishedDeliveries(before: number): Promise<number>;
  /** Deliveries neither delivered nor given up. */
  webhookBacklog(): Promise<number>;
  /**
   * Claims the watched carts idle since before `idleBefore` with no purchase, runs `abandonment`
   * on each appspace's, and marks them fired (once per cart), all in one transaction; how many
   * carts fired an event.
   */
  fireAbandonedCarts(idleBefore: number, abandonment: CartAbandonment): Promise<number>;
}
