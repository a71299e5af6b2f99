/**
 * The names that make an order event: the two types themselves and their Segment/MetaRouter
 * names (title case and snake_case). The one table "is this an order?" is answered from, in the
 * browser bundle and at the collector alike; `resolveEventType` takes its order names from here.
 */
export const ORDER_NAMES: Readonly<Record<string, "purchase" | "refund">> = {
  purchase: "purchase",
  "Order Completed": "purchase",
  order_completed: "purchase",
  refund: "refund",
  "Order Refunded": "refund",
  order_refunded: "refund",
};

/**
 * `purchase` or `refund` for a name of either (exactly as the ingest contract resolves it, case
 * included); undefined for every other name.
 *
 * @example
 * orderType("Order Completed"); // "purchase"
 * orderType("ORDER-COMPLETED"); // undefined: the collector does not know that name either
 */
export function orderType(name: string): "purchase" | "refund" | undefined {
  // Looked up, then checked: a name such as "toString" finds Object.prototype's, not an order.
  const type = ORDER_NAMES[name];
  return isOrderType(type) ? type : undefined;
}

/**
 * Whether a resolved event type is an order event: counted once per `transaction_id`, its
 * `event_id` derived from the order, sent first.
 *
 * @example
 * isOrderType("refund"); // true
 */
export const isOrderType = (type: string): type is "purchase" | "refund" => type === "purchase" || type === "refund";
