import { fromMinor, type EcommerceEventInput } from "@tally/schema";
import { visitOf } from "../platform/cookie-join.js";
import { object, prune, text, type Json } from "../platform/payload-fields.js";
import { UnmappableError } from "../platform/platform-source.js";

/** An amount in the currency's minor units (Stripe's integers; JPY has none) in major units. */
export function major(v: unknown, currency: string, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v))
    throw new UnmappableError(`${field} is not an amount in minor units`);
  return fromMinor(v, currency);
}

function currencyOf(o: Json): string {
  const currency = text(o.currency)?.toUpperCase();
  if (!currency) throw new UnmappableError("the object has no currency");
  return currency;
}

/** Stripe's `created` (Unix seconds) as an ISO time. */
export const isoOf = (created: unknown) =>
  typeof created === "number" ? new Date(created * 1000).toISOString() : undefined;

/**
 * A paid Checkout Session as a purchase: `metadata.order_id`, else `client_reference_id`, else the
 * session's id → transaction_id; `amount_total` → revenue; discount, tax and shipping from
 * `total_details`; the customer's email, `metadata.user_id`, and the visit of `metadata._tally`.
 */
export function checkoutSessionPurchase(session: Json, created: unknown): EcommerceEventInput {
  const id = text(session.id);
  if (!id) throw new UnmappableError("the session has no id");
  const metadata = object(session.metadata);
  const currency = currencyOf(session);
  const totals = object(session.total_details);
  return prune({
    event_type: "purchase",
    transaction_id: text(metadata.order_id) ?? text(session.client_reference_id) ?? id,
    timestamp: isoOf(created),
    revenue: major(session.amount_total, currency, "amount_total") ?? 0,
    currency,
    discount: major(totals.amount_discount, currency, "total_details.amount_discount") || undefined,
    tax: major(totals.amount_tax, currency, "total_details.amount_tax") || undefined,
    shipping: major(totals.amount_shipping, currency, "total_details.amount_shipping") || undefined,
    email: text(object(session.customer_details).email) ?? text(session.customer_email),
    user_id: text(metadata.user_id),
    ...visitOf(metadata._tally),
  }) as unknown as EcommerceEventInput;
}

/** A succeeded PaymentIntent as a purchase: `metadata.order_id`, else its id; `amount_received` → revenue. */
export function paymentIntentPurchase(intent: Json, created: unknown): EcommerceEventInput {
  const id = text(intent.id);
  if (!id) throw new UnmappableError("the payment intent has no id");
  const metadata = object(intent.metadata);
  const currency = currencyOf(intent);
  return prune({
    event_type: "purchase",
    transaction_id: text(metadata.order_id) ?? id,
    timestamp: isoOf(created),
    revenue: major(intent.amount_received ?? intent.amount, currency, "amount_received") ?? 0,
    currency,
    email: text(intent.receipt_email),
    user_id: text(metadata.user_id),
    ...visitOf(metadata._tally),
  }) as unknown as EcommerceEventInput;
}

/** A refunded charge: its refund so far (`amount_refunded`, cumulative over its refunds) in major units, and its currency. */
export function chargeRefunded(charge: Json): { chargeId: string; refunded: number; currency: string } {
  const chargeId = text(charge.id);
  if (!chargeId || typeof charge.amount_refunded !== "number")
    throw new UnmappableError("the charge has no id or amount_refunded");
  return { chargeId, refunded: charge.amount_refunded, currency: currencyOf(charge) };
}
