import { derivedId } from "../ids.js";

// The parts of Shopify's Web Pixels API standard events that Tally reads (see the API's
// `product_viewed`, `product_added_to_cart`, `cart_viewed`, `checkout_started`,
// `payment_info_submitted`, `checkout_completed` events and their `ProductVariant`, `CartLine`,
// `Checkout` objects).
interface MoneyV2 {
  amount?: number;
  currencyCode?: string;
}
interface ProductVariant {
  id?: string;
  title?: string | null;
  sku?: string | null;
  price?: MoneyV2;
  product?: { id?: string; title?: string; vendor?: string; type?: string | null };
}
interface CartLine {
  quantity?: number;
  merchandise?: ProductVariant;
  cost?: { totalAmount?: MoneyV2 };
}
interface CheckoutLineItem {
  quantity?: number;
  title?: string;
  variant?: ProductVariant | null;
}
interface Checkout {
  currencyCode?: string;
  email?: string | null;
  order?: { id?: string; customer?: { id?: string } | null } | null;
  lineItems?: CheckoutLineItem[];
  totalPrice?: MoneyV2;
  totalTax?: MoneyV2;
  subtotalPrice?: MoneyV2;
  discountsAmount?: MoneyV2;
  shippingLine?: { price?: MoneyV2 } | null;
  discountApplications?: Array<{ type?: string; title?: string }>;
}
export interface StandardEvent {
  id?: string;
  name?: string;
  clientId?: string;
  timestamp?: string;
  context?: {
    document?: { location?: { href?: string; pathname?: string; search?: string }; referrer?: string; title?: string };
    navigator?: { userAgent?: string; language?: string };
  };
  data?: {
    productVariant?: ProductVariant;
    cartLine?: CartLine;
    cart?: { lines?: CartLine[]; cost?: { totalAmount?: MoneyV2 } } | null;
    checkout?: Checkout;
  };
}

/** Shopify's standard events Tally records, and the ingest contract's type for each. */
export const PIXEL_EVENTS: Record<string, string> = {
  product_viewed: "view_item",
  product_added_to_cart: "add_to_cart",
  product_removed_from_cart: "remove_from_cart",
  cart_viewed: "view_cart",
  checkout_started: "begin_checkout",
  payment_info_submitted: "add_payment_info",
  checkout_completed: "purchase",
};

/** An id's digits when it is a `gid://shopify/<Type>/<digits>`, else the id as it is. */
export const digitsOf = (id: string | undefined) =>
  id ? (/^gid:\/\/shopify\/\w+\/(\d+)/.exec(id)?.[1] ?? id) : undefined;

function itemOf(variant: ProductVariant | null | undefined, quantity?: number, name?: string) {
  if (!variant) return undefined;
  const id = variant.sku || digitsOf(variant.product?.id) || digitsOf(variant.id);
  if (!id) return undefined;
  return {
    item_id: id,
    item_name: variant.product?.title ?? name,
    item_variant: variant.title ?? undefined,
    item_brand: variant.product?.vendor,
    item_category: variant.product?.type ?? undefined,
    price: variant.price?.amount,
    quantity,
  };
}

const present = <T>(list: Array<T | undefined>) => list.filter((x): x is T => x !== undefined);

function contextOf(event: StandardEvent) {
  const document = event.context?.document;
  const location = document?.location;
  const query = new URLSearchParams(location?.search ?? "");
  const context: Record<string, string | undefined> = {
    page_url: location?.href,
    page_path: location?.pathname,
    page_title: document?.title,
    referrer: document?.referrer || undefined,
    user_agent: event.context?.navigator?.userAgent,
    locale: event.context?.navigator?.language,
  };
  for (const name of ["source", "medium", "campaign", "term", "content"])
    context[`utm_${name}`] = query.get(`utm_${name}`) || undefined;
  return context;
}

/**
 * A Shopify standard event as an ingest-contract event: `clientId` as the anonymous id,
 * `event.id` as the event id (a purchase's derived from the key and the order id, as the SDK
 * derives it, so the status page reloaded is a repeat), the page's campaign and the browser's
 * User-Agent from the event's context. Undefined for an event Tally does not record, or a
 * purchase without an order id.
 */
export function pixelEvent(name: string, event: StandardEvent, key: string): Record<string, unknown> | undefined {
  const type = PIXEL_EVENTS[name];
  if (!type) return undefined;
  const data = event.data ?? {};
  const base: Record<string, unknown> = {
    event_type: type,
    event_id: event.id,
    timestamp: event.timestamp,
    anonymous_id: event.clientId,
    context: contextOf(event),
  };
  if (data.productVariant) {
    const item = itemOf(data.productVariant);
    return item && { ...base, currency: data.productVariant.price?.currencyCode, items: [item] };
  }
  if (data.cartLine) {
    const item = itemOf(data.cartLine.merchandise, data.cartLine.quantity);
    return item && { ...base, currency: data.cartLine.merchandise?.price?.currencyCode, items: [item] };
  }
  if (data.cart !== undefined) {
    const lines = data.cart?.lines ?? [];
    const items = present(lines.map((l) => itemOf(l.merchandise, l.quantity)));
    return items.length ? { ...base, currency: data.cart?.cost?.totalAmount?.currencyCode, items } : undefined;
  }
  const checkout = data.checkout;
  if (!checkout) return undefined;
  const items = present((checkout.lineItems ?? []).map((l) => itemOf(l.variant, l.quantity, l.title)));
  const money = {
    currency: checkout.currencyCode ?? checkout.totalPrice?.currencyCode,
    items: items.length ? items : undefined,
  };
  if (type !== "purchase") return { ...base, ...money };
  const orderId = digitsOf(checkout.order?.id);
  if (!orderId) return undefined;
  return {
    ...base,
    ...money,
    event_id: derivedId(`${key}:purchase:${orderId}`),
    transaction_id: orderId,
    revenue: checkout.totalPrice?.amount,
    tax: checkout.totalTax?.amount || undefined,
    shipping: checkout.shippingLine?.price?.amount || undefined,
    discount: checkout.discountsAmount?.amount || undefined,
    coupon_code: checkout.discountApplications?.find((d) => d.type === "DISCOUNT_CODE")?.title,
    email: checkout.email ?? undefined,
    user_id: digitsOf(checkout.order?.customer?.id),
  };
}
