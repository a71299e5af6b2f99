import { ORDER_NAMES } from "./order-type.js";

/** The 13 ecommerce event types of the ingest contract. */
export const EVENT_TYPES = [
  "view_item",
  "add_to_cart",
  "remove_from_cart",
  "add_to_wishlist",
  "view_cart",
  "add_payment_info",
  "begin_checkout",
  "purchase",
  "refund",
  "search",
  "share",
  "rate",
  "spend_credits",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Event types whose `items` array is required (and must not be empty). */
export const ITEM_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  "view_item",
  "add_to_cart",
  "remove_from_cart",
  "add_to_wishlist",
]);

/** Event types that need a `transaction_id` (they are deduplicated by it). */
export const ORDER_EVENT_TYPES: ReadonlySet<EventType> = new Set(["purchase", "refund"]);

/** Event types that need a `revenue`. */
export const REVENUE_EVENT_TYPES: ReadonlySet<EventType> = new Set(["purchase", "refund", "spend_credits"]);

/**
 * Segment / MetaRouter spec names (and their snake_case forms, as MetaRouter sends them
 * on to Heap) for the same 13 types.
 */
const ALIASES: Record<string, EventType> = {
  ...ORDER_NAMES,
  "Product Viewed": "view_item",
  "Product Added": "add_to_cart",
  "Product Removed": "remove_from_cart",
  "Product Added to Wishlist": "add_to_wishlist",
  "Cart Viewed": "view_cart",
  "Payment Info Entered": "add_payment_info",
  "Checkout Started": "begin_checkout",
  "Products Searched": "search",
  "Product Shared": "share",
  "Product Reviewed": "rate",
};
for (const [name, type] of Object.entries(ALIASES)) {
  ALIASES[name.toLowerCase().replace(/ /g, "_")] = type;
}

/** Every name `resolveEventType` knows besides the 13 types themselves. */
export const EVENT_ALIASES: readonly string[] = Object.keys(ALIASES).filter(
  (name) => !(EVENT_TYPES as readonly string[]).includes(name),
);

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * Resolves an `event_type` as sent (one of the 13, or a Segment/MetaRouter name) to one of the 13.
 *
 * @example
 * resolveEventType("Order Completed"); // "purchase"
 * resolveEventType("checkout_started"); // "begin_checkout"
 * resolveEventType("pageview"); // undefined
 */
export function resolveEventType(name: string): EventType | undefined {
  if (TYPES.has(name)) return name as EventType;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}
