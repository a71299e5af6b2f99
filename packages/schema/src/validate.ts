import { eventSchema, type EcommerceEvent } from "./event.schema.js";
import { ITEM_EVENT_TYPES, ORDER_EVENT_TYPES, REVENUE_EVENT_TYPES, resolveEventType } from "./event-types.js";
import { fastParseEvent } from "./fast-validate.js";
import { issueMessage } from "./issue-message.js";

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

const isMissing = (v: unknown) => v === undefined || v === null || v === "";
/** An order id of only whitespace names no order: refused like an empty one. */
const isMissingId = (v: unknown) => isMissing(v) || (typeof v === "string" && v.trim() === "");

/**
 * Checks one ecommerce event in the order the ingest contract lists its errors, so the first
 * problem is reported with the contract's exact message ("event_type is required", "Invalid
 * ecommerce event_type", "transaction_id is required for purchase events", …), then the field
 * types and lengths. Segment/MetaRouter names are resolved to the 13 types.
 *
 * @example
 * validateEvent({ event_type: "purchase", revenue: 10 });
 * // { ok: false, message: "transaction_id is required for purchase events" }
 */
export function validateEvent(input: unknown): Validation<EcommerceEvent> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: "event must be a JSON object" };
  }
  const raw = input as Record<string, unknown>;
  if (isMissing(raw.event_type)) return { ok: false, message: "event_type is required" };
  const type = typeof raw.event_type === "string" ? resolveEventType(raw.event_type) : undefined;
  if (!type) return { ok: false, message: "Invalid ecommerce event_type" };

  if (ORDER_EVENT_TYPES.has(type) && isMissingId(raw.transaction_id)) {
    return { ok: false, message: `transaction_id is required for ${type} events` };
  }
  if (REVENUE_EVENT_TYPES.has(type) && (raw.revenue === undefined || raw.revenue === null)) {
    return { ok: false, message: `revenue is required for ${type} events` };
  }
  if (ITEM_EVENT_TYPES.has(type) && (!Array.isArray(raw.items) || raw.items.length === 0)) {
    if (raw.items !== undefined && !Array.isArray(raw.items)) return { ok: false, message: "items must be an array" };
    return { ok: false, message: `items is required for ${type} events` };
  }

  // The common, valid event takes the hand-written path; anything else gets the schema's message.
  const fast = fastParseEvent(raw, type);
  if (fast) return { ok: true, value: fast };
  const parsed = eventSchema.safeParse(type === raw.event_type ? raw : { ...raw, event_type: type }, {
    reportInput: true,
  });
  if (!parsed.success) return { ok: false, message: issueMessage(parsed.error.issues[0]!) };
  return { ok: true, value: parsed.data };
}
