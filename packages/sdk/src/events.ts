/** Set by the build: true in the npm build, which checks events strictly; the script tag leaves that to the collector. */
declare const __STRICT__: boolean;

/** A misuse of the SDK (an invalid event): thrown at once in npm mode, reported in script mode. */
export class TallyUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TallyUsageError";
  }
}

const TYPES =
  /^(view_item|add_to_cart|remove_from_cart|add_to_wishlist|view_cart|add_payment_info|begin_checkout|purchase|refund|search|share|rate|spend_credits|Product (Viewed|Added|Removed|Added to Wishlist|Shared|Reviewed)|Cart Viewed|Payment Info Entered|Checkout Started|Order (Completed|Refunded)|Products Searched|(product_(viewed|added|removed|added_to_wishlist|shared|reviewed)|cart_viewed|payment_info_entered|checkout_started|order_(completed|refunded)|products_searched))$/;
const FIELDS = /^(transaction_id|revenue|currency|user_id|cart_id|coupon_code|discount|shipping|tax|items|properties|email|context|timestamp)$/;

/** The script tag reports through onError and needs no error class of its own. */
const UsageError = __STRICT__ ? TallyUsageError : Error;

/** purchase and refund under their own or their Segment names; other types as given (the collector maps them). */
export function orderType(type: string): "purchase" | "refund" | undefined {
  if (/^(purchase|Order Completed|order_completed)$/.test(type)) return "purchase";
  if (/^(refund|Order Refunded|order_refunded)$/.test(type)) return "refund";
}

/**
 * Checks an event the shop built, so a mistake fails at the call that made it instead of as a
 * 400 later (npm build): the type is one of the 13 or a Segment name, purchases and refunds
 * have a transaction id and a revenue, item events have items, no unknown fields.
 */
export function checkEvent(type: unknown, fields: Record<string, unknown>): void {
  const order = typeof type === "string" && orderType(type);
  if (order && (fields.transaction_id == null || fields.transaction_id === "" || typeof fields.revenue !== "number")) {
    throw new UsageError(`transaction_id and a number revenue are required for ${order} events`);
  }
  if (__STRICT__) checkStrictly(type, fields);
}

function checkStrictly(type: unknown, fields: Record<string, unknown>): void {
  if (typeof type !== "string" || !TYPES.test(type)) throw new TallyUsageError(`Unknown event type ${JSON.stringify(type)}`);
  for (const field in fields) if (!FIELDS.test(field)) throw new TallyUsageError(`Unknown field "${field}" on ${type}`);
  if (/^(view_item|add_to_cart|remove_from_cart|add_to_wishlist)$/.test(type) && !(Array.isArray(fields.items) && fields.items.length)) {
    throw new TallyUsageError(`items is required for ${type} events`);
  }
}

/** Hello Retail's conversion object. */
export interface Conversion {
  total: number;
  orderNumber: string | number;
  email?: string;
  customerId?: string | number;
  urls?: string[];
  productNumbers?: (string | number)[];
  currency?: string;
}

/** A Hello Retail conversion as a purchase: total → revenue, orderNumber → transaction_id, … */
export function conversionFields(c: Conversion): Record<string, unknown> {
  return {
    transaction_id: c.orderNumber,
    revenue: c.total,
    currency: c.currency,
    email: c.email,
    user_id: c.customerId == null ? undefined : String(c.customerId),
    items: (c.productNumbers ?? c.urls ?? []).map((p) => ({ item_id: String(p), quantity: 1 })),
  };
}
