import type { StoredEvent } from "../model/stored-event.js";

/** What a platform source puts in a refund's properties: the platform's own id of that refund. */
export const REFUND_ID_PROPERTY = "refund_id";

/**
 * The key an order or refund is counted once under, within its kind: its transaction id; for a
 * refund that names the platform's refund id (`properties.refund_id`, as the platform sources
 * send it), the transaction id and that refund id, so several partial refunds of one order each
 * count once and add up. A refund without one keeps the rule of once per order.
 *
 * @example
 * orderKeyOf({ event_type: "refund", transaction_id: "1001", properties: { refund_id: "r-7" } }); // "1001\u001fr-7"
 */
export function orderKeyOf(event: Pick<StoredEvent, "event_type" | "transaction_id" | "properties">): string {
  const refundId = event.event_type === "refund" ? event.properties?.[REFUND_ID_PROPERTY] : undefined;
  return refundId ? `${event.transaction_id}\u001f${refundId}` : event.transaction_id!;
}
