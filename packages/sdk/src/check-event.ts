import { EVENT_FIELDS, conversionProblem, orderType, type Conversion, type EventFields } from "@tally/schema/model";
import { ITEM_EVENT_TYPES, resolveEventType } from "@tally/schema/event-types";
import { usageError } from "./errors.js";

/**
 * Checks an event at the call, so a mistake fails where it was made instead of as a skipped
 * event later, and answers its type. Both builds check what the once-per-order guard needs (an
 * order id and a number revenue) and resolve order names with the schema's `orderType`, so they
 * classify every name alike; the npm build also checks the type, the fields and the items of
 * item events, and sends Segment names as the type they stand for. The script tag sends other
 * names as given: the collector resolves them the same way.
 *
 * @example
 * checkEvent("Product Added", { items: [{ item_id: "sku_1" }] }); // "add_to_cart"
 * checkEvent("purchase", { revenue: 10 }); // throws: purchase needs transaction_id and revenue (a number)
 */
export function checkEvent(type: string, fields: EventFields): string {
  const order = orderType(type);
  if (order && (fields.transaction_id == null || fields.transaction_id === "" || typeof fields.revenue != "number")) {
    throw usageError(`${order} needs transaction_id and revenue (a number)`);
  }
  return __NPM__ ? checkStrictly(type, fields) : order || type;
}

function checkStrictly(name: string, fields: EventFields): string {
  const type = typeof name == "string" && resolveEventType(name);
  if (!type) throw usageError(`unknown event type ${JSON.stringify(name)}`);
  for (const field in fields)
    if (!EVENT_FIELDS.includes(field as never)) throw usageError(`unknown field "${field}" on ${name}`);
  if (ITEM_EVENT_TYPES.has(type) && !(Array.isArray(fields.items) && fields.items.length))
    throw usageError(`items is required for ${type} events`);
  return type;
}

/**
 * Checks a Hello Retail conversion as the collector's conversion route does (the npm build with
 * every one of its checks, the script tag that there are products), with Hello Retail's own
 * messages.
 *
 * @example
 * checkConversion({ total: 10, orderNumber: "o-1" }); // throws: You must provide either urls or productNumbers
 */
export function checkConversion(conversion: Conversion): Conversion {
  // The script tag checks only what costs it a few bytes: that there are products.
  const problem = __NPM__
    ? conversionProblem(conversion as never)
    : !(conversion.productNumbers || conversion.urls || "").length && "You must provide either urls or productNumbers";
  if (problem) throw usageError(problem);
  return conversion;
}
