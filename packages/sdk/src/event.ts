import type { EventFields } from "@tally/schema/model";
import { pageContext } from "./context.js";
import type { Visit } from "./identity.js";

/** An event as the SDK sends it to `/batch`: the schema's fields with the ids the SDK sets. */
export interface TallyEvent extends EventFields {
  event_type: string;
  event_id: string;
  timestamp: string;
  anonymous_id: string;
  session_id: string;
}

/**
 * The event for a call at `now`: its type, the visit's ids, the page context, then the shop's
 * own fields, which win (empty ones left out), as plain JSON. The `event_id` is set by the
 * caller (random, or derived for orders).
 *
 * @example
 * buildEvent("add_to_cart", { items: [{ item_id: "sku_1" }] }, visit, Date.now());
 */
export function buildEvent(type: string, fields: EventFields, v: Visit, now: number): TallyEvent {
  const { context, ...rest } = fields as EventFields & Record<string, unknown>;
  // Shop templates render missing values as "" or null, which the collector refuses for ids,
  // amounts and codes (costing the whole event): those fields are left out instead.
  for (const k in rest) if (rest[k] == null || rest[k] === "") delete rest[k];
  // Through JSON once: what is stored is exactly what will be sent, and nothing IndexedDB cannot
  // clone (a function, a DOM node) reaches it. A cycle throws here, at the call.
  return JSON.parse(
    JSON.stringify({
      event_type: type,
      event_id: "",
      timestamp: new Date(now).toISOString(),
      anonymous_id: v.a,
      session_id: v.s,
      user_id: v.u,
      ...rest,
      context: { ...pageContext(v), ...context },
    }),
  );
}
