import type { z } from "zod";
import type { EcommerceEventInput, itemSchema } from "./event.schema.js";

/**
 * A line item as a client sends it (ids may be numbers); the collector's `itemSchema` is its
 * one definition.
 *
 * @example
 * const item: ItemInput = { item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 };
 */
export type ItemInput = z.input<typeof itemSchema>;

/**
 * What a client tells about an event besides its type and the ids the SDK sets itself: every
 * field of the ingest contract, all optional here (purchases need `transaction_id` and
 * `revenue`, item events `items`).
 *
 * @example
 * const fields: EventFields = { transaction_id: "order_456", revenue: 49.99, currency: "USD", items: [{ item_id: "sku_1" }] };
 */
export type EventFields = Partial<Omit<EcommerceEventInput, "event_type" | "event_id" | "anonymous_id" | "session_id">>;

/** The field names of {@link EventFields}, for clients that check an event before they send it. */
export const EVENT_FIELDS: readonly (keyof EventFields)[] = [
  "transaction_id",
  "revenue",
  "currency",
  "user_id",
  "cart_id",
  "coupon_code",
  "discount",
  "shipping",
  "tax",
  "items",
  "properties",
  "email",
  "context",
  "timestamp",
];
