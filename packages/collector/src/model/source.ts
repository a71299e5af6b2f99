/** The platforms whose signed webhooks the collector takes as sources of orders. */
export const SOURCE_KINDS = ["shopify", "woocommerce", "stripe"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A platform source: where `POST /sources/<id>` delivers to, and the secret its signatures are checked with. */
export interface SourceRow {
  id: string;
  appspace_id: string;
  kind: SourceKind;
  /** The platform's signing secret, kept in clear: an HMAC key (and Stripe's `whsec_…`) must be. */
  secret: string;
  created_at: number;
  /** Shopify: the publishable key its custom pixel sends with, kept in clear (it ships in every page). */
  pixel_key?: string | null;
}

/** A verified delivery that did not map onto events, kept with the reason for an operator to look at. */
export interface RejectedDelivery {
  source_id: string;
  received_at: number;
  reason: string;
  body: string;
}

/**
 * The storage port of platform sources: the sources themselves, what a source must remember
 * between deliveries (`state`: Stripe's payment intent → order, the amount of a charge already
 * refunded), and the deliveries moved aside.
 */
export interface SourcesPort {
  addSource(row: SourceRow): Promise<void>;
  /** A source that has not been removed. */
  findSource(id: string): Promise<SourceRow | undefined>;
  listSources(appspaceId?: string): Promise<SourceRow[]>;
  /** Removes a source (its later deliveries are 404); whether it existed. */
  removeSource(id: string, now: number): Promise<boolean>;
  /** A value the source remembered under `key`. */
  sourceState(sourceId: string, key: string): Promise<string | undefined>;
  /** Remembers `value` under `key`; with `onlyIfAbsent`, keeps an existing value and answers whether this one was stored. */
  setSourceState(sourceId: string, key: string, value: string, onlyIfAbsent?: boolean): Promise<boolean>;
  rejectDelivery(row: RejectedDelivery): Promise<void>;
  rejectedDeliveries(sourceId: string): Promise<RejectedDelivery[]>;
}
