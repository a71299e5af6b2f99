import type { EcommerceEventInput } from "@tally/schema";
import type { SourceKind } from "../../model/source.js";

/** A delivery as it came: its headers and the raw bytes of its body. */
export interface Delivery {
  header(name: string): string | undefined;
  raw: Uint8Array;
  text: string;
}

/** What a source remembers between deliveries (Stripe: the order of a payment intent, a charge's refunded amount). */
export interface SourceMemory {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/**
 * What a verified delivery becomes: events for the inbox (with memory to keep once they are
 * acknowledged), nothing on purpose (`ignored`: another topic, an order not paid yet), or a body
 * that does not map (`unmappable`, kept aside with the reason).
 */
export type Mapping =
  | { kind: "events"; events: EcommerceEventInput[]; remember?: Array<[key: string, value: string]> }
  | { kind: "ignored"; reason: string }
  | { kind: "unmappable"; reason: string };

export type Verification = { ok: true } | { ok: false; reason: string };

/**
 * One platform's webhooks: how a delivery's signature is checked over the raw body (before
 * anything is parsed), and how a verified delivery maps onto the ingest contract's events.
 */
export interface PlatformSource {
  kind: SourceKind;
  /** The status of a missing or wrong signature: 401, or Stripe's own 400. */
  badSignatureStatus: 400 | 401;
  /** A delivery the platform sends unsigned and expects answered (WooCommerce's ping when a webhook is saved). */
  isPing?(delivery: Delivery): boolean;
  /** Checks the signature over the raw body; `now` (epoch ms) for a platform that signs a timestamp. */
  verify(delivery: Delivery, secret: string, now: number): Verification | Promise<Verification>;
  map(payload: unknown, delivery: Delivery, memory: SourceMemory): Promise<Mapping>;
}

/** Thrown by a mapping for a body that does not have the shape it documents. */
export class UnmappableError extends Error {
  override name = "UnmappableError";
}
