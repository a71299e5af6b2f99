import { object, prune, text } from "../platform/payload-fields.js";
import type { Mapping, PlatformSource, SourceMemory } from "../platform/platform-source.js";
import { withSourceEventId } from "../platform/source-event-id.js";
import { chargeRefunded, checkoutSessionPurchase, isoOf, major, paymentIntentPurchase } from "./stripe-events.js";
import type { EcommerceEventInput } from "@tally/schema";
import { REFUND_ID_PROPERTY } from "../../rules/order-key.js";

// Stripe's library is large: loaded when the first Stripe delivery comes, not with every command.
let stripeLibrary: Promise<typeof import("stripe").default> | undefined;
const stripe = () => (stripeLibrary ??= import("stripe").then((m) => m.default));

/** Stripe's tolerance for a signature's timestamp, in seconds (its library's default). */
const TOLERANCE_S = 300;

/**
 * Stripe's webhooks, verified by Stripe's own library (`Stripe-Signature: t=…,v1=…`, a 5-minute
 * tolerance) and answered 400 when the signature is wrong, as Stripe's examples do.
 * `checkout.session.completed` with `payment_status: paid` and
 * `checkout.session.async_payment_succeeded` are purchases; `payment_intent.succeeded` is one for
 * shops without Checkout, unless a session of the same payment intent made the order;
 * `charge.refunded` refunds the order of its payment intent by what is new in `amount_refunded`.
 */
export const stripeSource: PlatformSource = {
  kind: "stripe",
  badSignatureStatus: 400,
  async verify(delivery, secret, now) {
    const header = delivery.header("stripe-signature");
    if (!header) return { ok: false, reason: "missing signature" };
    const Stripe = await stripe();
    try {
      // Verification, then a JSON.parse the mapping does again losslessly; `now` stands in for the clock.
      Stripe.webhooks.constructEvent(Buffer.from(delivery.raw), header, secret, TOLERANCE_S, undefined, now);
      return { ok: true };
    } catch (error) {
      // A verified body that is not JSON is the mapping's to keep aside, not a bad signature.
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) return { ok: true };
      return { ok: false, reason: error.message };
    }
  },
  async map(payload, _delivery, memory) {
    const event = object(payload);
    const type = text(event.type) ?? "";
    const data = object(object(event.data).object);
    if (type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded") {
      if (data.payment_status !== "paid" && data.payment_status !== "no_payment_required")
        return { kind: "ignored", reason: "a session not paid yet" };
      const purchase = checkoutSessionPurchase(data, event.created);
      const intent = text(data.payment_intent);
      return purchaseOf(purchase, intent ? [[`payment_intent:${intent}`, String(purchase.transaction_id)]] : []);
    }
    if (type === "payment_intent.succeeded") {
      const intent = text(data.id);
      if (intent && (await memory.get(`payment_intent:${intent}`)))
        return { kind: "ignored", reason: "the checkout session made this order" };
      const purchase = paymentIntentPurchase(data, event.created);
      return purchaseOf(purchase, intent ? [[`payment_intent:${intent}`, String(purchase.transaction_id)]] : []);
    }
    if (type === "charge.refunded") return refundOf(data, event.created, memory);
    return { kind: "ignored", reason: `event type ${type || "(none)"}` };
  },
};

function purchaseOf(purchase: EcommerceEventInput, remember: Array<[string, string]>): Mapping {
  return { kind: "events", events: [withSourceEventId(purchase, `purchase:${purchase.transaction_id}`)], remember };
}

/** `amount_refunded` is cumulative over a charge's refunds: only what is new since the last delivery is a refund. */
async function refundOf(charge: Record<string, unknown>, created: unknown, memory: SourceMemory): Promise<Mapping> {
  const { chargeId, refunded, currency } = chargeRefunded(charge);
  const before = Number((await memory.get(`refunded:${chargeId}`)) ?? 0);
  if (refunded <= before) return { kind: "ignored", reason: "no refund beyond what was counted" };
  const intent = text(charge.payment_intent);
  const order =
    (intent && (await memory.get(`payment_intent:${intent}`))) ??
    text(object(charge.metadata).order_id) ??
    intent ??
    chargeId;
  const refund = prune({
    event_type: "refund",
    transaction_id: order,
    timestamp: isoOf(created),
    revenue: major(refunded - before, currency, "amount_refunded"),
    currency,
    // Each delivery's new amount is a refund of its own: named by the charge and the total it brings the charge to.
    properties: { [REFUND_ID_PROPERTY]: `${chargeId}:${refunded}` },
  }) as unknown as EcommerceEventInput;
  return {
    kind: "events",
    events: [withSourceEventId(refund, `refund:${order}:${chargeId}:${refunded}`)],
    remember: [[`refunded:${chargeId}`, String(refunded)]],
  };
}
