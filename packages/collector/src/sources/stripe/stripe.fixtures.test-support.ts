// Stripe webhook bodies for tests, written from Stripe's API reference (docs.stripe.com/api):
// the Event object (`id`, `object: "event"`, `api_version`, `created` in Unix seconds,
// `data.object`, `livemode`, `pending_webhooks`, `request`, `type`), and as its `data.object`
// the Checkout Session (`amount_total`, `currency` lower-case, `client_reference_id`,
// `customer_details.email`, `metadata`, `payment_intent`, `payment_status`, `total_details`
// with `amount_discount` / `amount_shipping` / `amount_tax`), the PaymentIntent
// (`amount_received`, `metadata`, `receipt_email`) and the Charge (`amount_refunded`, cumulative,
// `payment_intent`, `metadata`, `refunded`). Amounts are integers in the currency's minor units.
// Values are invented.

let counter = 0;
const eventId = () => `evt_1Q${String(++counter).padStart(8, "0")}Tally`;

export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  created: number,
  id = eventId(),
): Record<string, unknown> {
  return {
    id,
    object: "event",
    api_version: "2025-09-30.clover",
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function checkoutSession(
  options: {
    id?: string;
    orderId?: string;
    clientReference?: string;
    intent?: string;
    paid?: boolean;
    cookie?: string;
    currency?: string;
    total?: number;
  } = {},
): Record<string, unknown> {
  const metadata: Record<string, string> = {};
  if (options.orderId) metadata.order_id = options.orderId;
  if (options.cookie) metadata._tally = options.cookie;
  metadata.user_id = "cus-42";
  return {
    id: options.id ?? "cs_test_a1B2c3D4",
    object: "checkout.session",
    amount_subtotal: 5000,
    amount_total: options.total ?? 5400,
    client_reference_id: options.clientReference ?? null,
    created: 1773568800,
    currency: options.currency ?? "usd",
    customer: "cus_Q1w2E3r4",
    customer_details: {
      email: "buyer@example.com",
      name: "Buyer",
      address: null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: null,
    livemode: false,
    metadata,
    mode: "payment",
    payment_intent: options.intent ?? "pi_3Q1a2B3c",
    payment_status: options.paid === false ? "unpaid" : "paid",
    status: "complete",
    total_details: { amount_discount: 500, amount_shipping: 700, amount_tax: 200 },
    url: null,
  };
}

export function paymentIntent(
  options: { id?: string; orderId?: string; amount?: number; currency?: string } = {},
): Record<string, unknown> {
  return {
    id: options.id ?? "pi_3Q9z8Y7x",
    object: "payment_intent",
    amount: options.amount ?? 2500,
    amount_received: options.amount ?? 2500,
    currency: options.currency ?? "usd",
    customer: null,
    latest_charge: "ch_3Q9z8Y7x",
    livemode: false,
    metadata: options.orderId ? { order_id: options.orderId } : {},
    receipt_email: "pi-buyer@example.com",
    status: "succeeded",
  };
}

export function charge(options: {
  id?: string;
  intent?: string;
  refunded: number;
  amount?: number;
  currency?: string;
  orderId?: string;
}): Record<string, unknown> {
  return {
    id: options.id ?? "ch_3Q1a2B3c",
    object: "charge",
    amount: options.amount ?? 5400,
    amount_captured: options.amount ?? 5400,
    amount_refunded: options.refunded,
    captured: true,
    currency: options.currency ?? "usd",
    livemode: false,
    metadata: options.orderId ? { order_id: options.orderId } : {},
    paid: true,
    payment_intent: options.intent ?? "pi_3Q1a2B3c",
    refunded: options.refunded === (options.amount ?? 5400),
    status: "succeeded",
  };
}
