import { createHash } from "node:crypto";
import type { EcommerceEventInput } from "@tally/schema";

/**
 * The event with an id derived from what it is (`purchase:<order>`, `refund:<order>:<refund id>`),
 * so a platform's re-delivery, or the same order reported by another topic, is a repeat the
 * collector drops.
 *
 * @example
 * withSourceEventId(purchase, "purchase:820982911946154508");
 */
export function withSourceEventId(event: EcommerceEventInput, identity: string): EcommerceEventInput {
  const hash = createHash("sha256").update(`source:${identity}`).digest("hex");
  return { ...event, event_id: `src-${hash.slice(0, 32)}` } as EcommerceEventInput;
}
