import {
  ORDER_EVENT_TYPES,
  resolveEventType,
  validateEvent,
  type EcommerceEvent,
  type EcommerceEventInput,
} from "@tally/schema";
import { visitFromCookie, type CookieCampaign } from "./cookie.js";
import { TallyUsageError } from "./errors.js";
import { freshEventId, orderEventId } from "./event-id.js";

/**
 * Joins a call to the browser's visit: the request's `Cookie` header or the `_tally` value.
 *
 * @example
 * await tally.track("begin_checkout", { cart_id: cart.id, cookie: req.headers.cookie });
 */
export interface CookieField {
  /**
   * The `Cookie` header of the shop request the call belongs to (or the bare `_tally` value).
   * The event then carries the browser's `anonymous_id` and `session_id`, so the order joins the
   * browser session (channel, attribution) and merges with the browser's own purchase; the
   * session's campaign, which the SDK keeps in the cookie too, fills `context.utm_*` when the
   * event names no campaign. Explicit `anonymous_id` / `session_id` / campaign fields win.
   */
  cookie?: string | null;
}

/**
 * The ingest contract's fields of any event, as `@tally/schema` defines them, plus `cookie`.
 *
 * @example
 * const fields: EventFields = { items: [{ item_id: "sku_1", price: 24.99 }], user_id: "user-9" };
 * await tally.track("add_to_cart", fields);
 */
export type EventFields = Omit<EcommerceEventInput, "event_type"> & CookieField;

/**
 * A confirmed order: `transaction_id` and `revenue` are required; its `event_id` is derived
 * from the secret key and the order id, so it cannot be set.
 *
 * @example
 * const order: PurchaseFields = {
 *   transaction_id: "A-1001",
 *   revenue: 59.9,
 *   currency: "EUR",
 *   shipping: 4.9,
 *   coupon_code: "SPRING",
 *   items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 27.5, quantity: 2 }],
 * };
 */
export type PurchaseFields = Omit<EventFields, "event_id" | "transaction_id" | "revenue"> &
  Required<Pick<EcommerceEventInput, "transaction_id" | "revenue">>;

/**
 * A refund of an order: the same fields as a purchase, `revenue` being the amount refunded.
 *
 * @example
 * const refund: RefundFields = { transaction_id: "A-1001", revenue: 27.5, currency: "EUR" };
 */
export type RefundFields = PurchaseFields;

const CAMPAIGN_PROPERTIES = ["campaign", "source", "medium"];

/**
 * The event's context, given the cookie's campaign when the event names none of its own: a
 * session the browser sent nothing in (thank-you page never loaded, blocked) then still has its
 * channel, because the server's event is its first with campaign information.
 */
function withCampaign(fields: EventFields, campaign: CookieCampaign | undefined): EventFields["context"] {
  const own =
    Object.keys(fields.context ?? {}).some((k) => k.startsWith("utm_")) ||
    CAMPAIGN_PROPERTIES.some((k) => fields.properties?.[k] != null);
  return campaign && !own ? { ...campaign, ...fields.context } : fields.context;
}

/**
 * One event as it goes to the collector: the cookie's visit filled in, the `event_id` and
 * `timestamp` fixed now (so a retry sends the same event), checked against the ingest contract.
 * An event the collector would refuse throws `TallyUsageError` with the contract's message.
 *
 * @example
 * buildEvent("sk_live_1", "purchase", { transaction_id: "A-1", revenue: 20, cookie: req.headers.cookie });
 */
export function buildEvent(key: string, type: string, fields: EventFields, now = Date.now()): EcommerceEvent {
  if (typeof fields !== "object" || fields === null) throw new TallyUsageError(`${type}: fields must be an object`);
  const { cookie, ...rest } = fields;
  const visit = visitFromCookie(cookie);
  const resolved = resolveEventType(type);
  const order =
    resolved && ORDER_EVENT_TYPES.has(resolved) && rest.transaction_id != null && rest.transaction_id !== "";
  const event = {
    ...rest,
    event_type: type,
    event_id: order
      ? orderEventId(key, resolved as "purchase" | "refund", rest.transaction_id!)
      : (rest.event_id ?? freshEventId(now)),
    timestamp: rest.timestamp ?? new Date(now).toISOString(),
    anonymous_id: rest.anonymous_id ?? visit?.anonymous_id,
    session_id: rest.session_id ?? visit?.session_id,
    context: withCampaign(rest, visit?.campaign),
  };
  const checked = validateEvent(event);
  if (!checked.ok) throw new TallyUsageError(`${type}: ${checked.message}`);
  return checked.value;
}
