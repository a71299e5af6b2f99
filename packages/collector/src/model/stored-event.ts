import type { EventType } from "@tally/schema";

/** `seen_by` bits: who reported an order. */
export const SEEN_BY_CLIENT = 1;
export const SEEN_BY_SERVER = 2;

/** Where a server-side order came from: a secret key (its own backend, Segment's server libraries), a platform source, an import. */
export const SERVER_SOURCES = ["secret_key", "shopify", "woocommerce", "stripe", "import"] as const;
export type ServerSource = (typeof SERVER_SOURCES)[number];
/** Through which door a browser's event came: Tally's script or SDK, the Shopify pixel, Segment's browser library. */
export const BROWSER_DOORS = ["script_tag", "pixel", "segment_browser"] as const;
export type BrowserDoor = (typeof BROWSER_DOORS)[number];

/** A line item as stored: money in minor units of its own currency and of the base currency. */
export interface StoredItem {
  item_id: string;
  item_name: string | null;
  item_category: string | null;
  item_brand: string | null;
  item_variant: string | null;
  item_list_name: string | null;
  item_list_id: string | null;
  item_image_url: string | null;
  currency: string;
  rate: number;
  price: number | null;
  price_base: number | null;
  quantity: number;
  coupon_code: string | null;
  discount: number | null;
  discount_base: number | null;
  line_total: number | null;
  line_total_base: number | null;
  line_net: number | null;
  line_net_base: number | null;
}

/** An event as it is written: validated, enriched and converted; one row of `events`. */
export interface StoredEvent {
  appspace_seq: number;
  event_id: string;
  event_type: EventType;
  ts: number;
  day: number;
  received_at: number;
  seen_by: number;
  transaction_id: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  session_id: string | null;
  cart_id: string | null;
  email: string | null;
  currency: string;
  rate: number;
  revenue: number | null;
  revenue_base: number | null;
  subtotal: number | null;
  subtotal_base: number | null;
  discount: number | null;
  discount_base: number | null;
  shipping: number | null;
  shipping_base: number | null;
  tax: number | null;
  tax_base: number | null;
  coupon_code: string | null;
  customer_order_index: number | null;
  campaign: string | null;
  source: string | null;
  medium: string | null;
  page_url: string | null;
  page_path: string | null;
  page_title: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  device_type: string | null;
  platform: string | null;
  country: string | null;
  locale: string | null;
  user_agent: string | null;
  flagged: number;
  /** The fraud rules that flagged it, comma-separated; null when clean. */
  fraud_rules: string | null;
  /** The server side's source of the event (of a merged order: of its server copy); null for a browser's. */
  server_door: ServerSource | null;
  /** The browser's door (of a merged order: of its browser copy); null for a server's. */
  client_door: BrowserDoor | null;
  items: StoredItem[];
  properties: Record<string, string>;
  /** Not stored: what the request said that the fraud rules judge (absent on an event loaded back). */
  sent?: { currencies: string[]; browserUserAgent?: string };
}

/** The columns of a stored event's row, in the order the stores write them. */
export const EVENT_COLUMNS = [
  "appspace_seq",
  "event_id",
  "event_type",
  "ts",
  "day",
  "received_at",
  "seen_by",
  "transaction_id",
  "user_id",
  "anonymous_id",
  "session_id",
  "cart_id",
  "email",
  "currency",
  "rate",
  "revenue",
  "revenue_base",
  "subtotal",
  "subtotal_base",
  "discount",
  "discount_base",
  "shipping",
  "shipping_base",
  "tax",
  "tax_base",
  "coupon_code",
  "customer_order_index",
  "campaign",
  "source",
  "medium",
  "page_url",
  "page_path",
  "page_title",
  "referrer",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "device_type",
  "platform",
  "country",
  "locale",
  "user_agent",
  "flagged",
  "fraud_rules",
  "server_door",
  "client_door",
] as const;

/** The columns of a stored item's row after its event, position and appspace. */
export const ITEM_COLUMNS = [
  "item_id",
  "item_name",
  "item_category",
  "item_brand",
  "item_variant",
  "item_list_name",
  "item_list_id",
  "item_image_url",
  "currency",
  "rate",
  "price",
  "price_base",
  "quantity",
  "coupon_code",
  "discount",
  "discount_base",
  "line_total",
  "line_total_base",
  "line_net",
  "line_net_base",
] as const;
