import { resolveEventType, type EcommerceEventInput } from "@tally/schema";
import { isPlainObject } from "../../http/read-body.js";

/** What a Segment message becomes: an event, an identity link, or nothing Tally keeps. */
export type Mapped =
  | { kind: "event"; event: EcommerceEventInput }
  | { kind: "link"; anonymousId: string; userId: string; timestamp?: string }
  | { kind: "ignored" };

type Json = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const obj = (v: unknown): Json => (isPlainObject(v) ? v : {});

/** Segment's V2 ecommerce product → a Tally line item. */
function itemOf(p: Json) {
  return prune({
    item_id: str(p.product_id) ?? str(p.sku) ?? str(p.id),
    item_name: str(p.name),
    item_category: str(p.category),
    item_brand: str(p.brand),
    item_variant: str(p.variant),
    item_image_url: str(p.image_url),
    price: num(p.price),
    quantity: num(p.quantity),
    coupon_code: str(p.coupon),
    currency: str(p.currency),
  });
}

// Properties Tally maps to fields of its own; the rest are kept as event properties.
const MAPPED = new Set([
  "order_id",
  "checkout_id",
  "total",
  "revenue",
  "subtotal",
  "shipping",
  "tax",
  "discount",
  "coupon",
  "currency",
  "products",
  "cart_id",
  "product_id",
  "sku",
  "id",
  "name",
  "category",
  "brand",
  "variant",
  "price",
  "quantity",
  "image_url",
  "url",
  "position",
  "session_id",
]);

/**
 * A Segment `track`, `identify` or `page` message (as analytics-node, RudderStack or MetaRouter
 * send it) in Tally's terms. V2 Ecommerce events map to the 13 types: `order_id` →
 * transaction_id, `total` (else `revenue`) → revenue, `products[]` (or the single product of a
 * Product event) → items; `messageId` → event_id, `anonymousId`/`userId`, `timestamp` (else
 * `originalTimestamp`), `context.page`, `context.campaign` and `context.userAgent` → context.
 * Events Tally has no type for are ignored, as a Segment destination ignores what it does not use.
 */
export function mapSegmentMessage(message: Json, type: string): Mapped {
  const anonymousId = str(message.anonymousId);
  const userId = str(message.userId);
  const timestamp = str(message.timestamp) ?? str(message.originalTimestamp);
  if (type === "identify" || type === "page" || type === "alias") {
    return anonymousId && userId ? { kind: "link", anonymousId, userId, timestamp } : { kind: "ignored" };
  }
  if (type !== "track" || typeof message.event !== "string") return { kind: "ignored" };
  const eventType = resolveEventType(message.event);
  if (!eventType) return { kind: "ignored" };

  const p = obj(message.properties);
  const context = obj(message.context);
  const page = obj(context.page);
  const campaign = obj(context.campaign);
  const products = Array.isArray(p.products) ? p.products.filter(isPlainObject) : [];
  const single = str(p.product_id) ?? str(p.sku);
  const items = products.length ? products.map(itemOf) : single ? [itemOf(p)] : undefined;
  const properties: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(p)) {
    if (!MAPPED.has(key) && (typeof value === "string" || typeof value === "number" || typeof value === "boolean"))
      properties[key] = value;
  }
  const ordered = eventType === "purchase" || eventType === "refund";
  const event = prune({
    event_type: eventType,
    event_id: str(message.messageId),
    timestamp,
    transaction_id: ordered ? str(p.order_id) : undefined,
    revenue: num(p.total) ?? num(p.revenue),
    currency: str(p.currency),
    user_id: userId,
    anonymous_id: anonymousId,
    session_id: str(context.sessionId) ?? str(p.session_id),
    cart_id: str(p.cart_id),
    email: str(obj(context.traits).email),
    coupon_code: str(p.coupon),
    discount: num(p.discount),
    shipping: num(p.shipping),
    tax: num(p.tax),
    items,
    properties: Object.keys(properties).length ? properties : undefined,
    context: nonEmpty(
      prune({
        page_url: str(page.url),
        page_path: str(page.path),
        page_title: str(page.title),
        referrer: str(page.referrer),
        utm_source: str(campaign.source),
        utm_medium: str(campaign.medium),
        utm_campaign: str(campaign.name),
        utm_term: str(campaign.term),
        utm_content: str(campaign.content),
        locale: str(context.locale),
        user_agent: str(context.userAgent),
      }),
    ),
  });
  return { kind: "event", event: event as unknown as EcommerceEventInput };
}

function prune<T extends Json>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

const nonEmpty = (value: Json) => (Object.keys(value).length ? value : undefined);
