import { ITEM_EVENT_TYPES, resolveEventType } from "@tally/schema/event-types";

/**
 * A misuse of the SDK: an invalid event, or a tracker made without a key. The npm build throws
 * it at the call that made the mistake; the script tag writes it to the console.
 *
 * @example
 * try {
 *   tally.purchase({ revenue: 10 });
 * } catch (error) {
 *   if (error instanceof TallyUsageError) console.error(error.message); // "Tally: a purchase needs transaction_id and a number revenue"
 * }
 */
export class TallyUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TallyUsageError";
  }
}

/** The script tag has no use for its own error class: there a misuse throws a plain `Error`. */
export const UsageError = __NPM__ ? TallyUsageError : Error;

/**
 * `purchase` or `refund` for those types under any of their names ("Order Completed",
 * "order_refunded", …); undefined for the other types.
 *
 * @example
 * orderType("Order Completed"); // "purchase"
 */
export function orderType(type: string): "purchase" | "refund" | undefined {
  const name = /^(purchase|refund|order.completed|order.refunded)$/i.exec(type);
  return name ? (/ref/i.test(type) ? "refund" : "purchase") : undefined;
}

const FIELDS =
  /^(transaction_id|revenue|currency|user_id|cart_id|coupon_code|discount|shipping|tax|items|properties|email|context|timestamp)$/;

/**
 * Checks an event at the call, so a mistake fails where it was made instead of as a skipped
 * event later, and answers its type among the 13. Both builds check what the once-per-order
 * guard needs (an order id and a number revenue); the npm build also checks the type, the
 * fields and the items of item events, and sends Segment names as the type they stand for. The
 * script tag sends other names as given: the collector knows them too.
 *
 * @example
 * checkEvent("Product Added", { items: [{ item_id: "sku_1" }] }); // "add_to_cart"
 * checkEvent("purchase", { revenue: 10 }); // throws TallyUsageError: purchase needs transaction_id and revenue (a number)
 */
export function checkEvent(type: string, fields: object): string {
  const f = fields as Record<string, unknown>;
  const order = orderType(type);
  if (order && (f.transaction_id == null || f.transaction_id === "" || typeof f.revenue != "number")) {
    throw new UsageError(`Tally: ${order} needs transaction_id and revenue (a number)`);
  }
  return __NPM__ ? checkStrictly(type, f) : order || type;
}

function checkStrictly(name: string, fields: Record<string, unknown>): string {
  const type = typeof name == "string" && resolveEventType(name);
  if (!type) throw new TallyUsageError(`Tally: unknown event type ${JSON.stringify(name)}`);
  for (const field in fields) if (!FIELDS.test(field)) throw new TallyUsageError(`Tally: unknown field "${field}" on ${name}`);
  if (ITEM_EVENT_TYPES.has(type) && !(Array.isArray(fields.items) && fields.items.length)) {
    throw new TallyUsageError(`Tally: items is required for ${type} events`);
  }
  return type;
}
