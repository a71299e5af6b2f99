import type { Db } from "../db/open.js";
import {
  claimEventId,
  countVisitorPurchases,
  findOrder,
  insertEvent,
  insertOrder,
  linkIdentity,
  loadEvent,
  replaceEvent,
  stitchedUser,
} from "./events.queries.js";
import { mergeOrder } from "./merge-order.js";
import { addToSessionDay, rebuildSessionDay, sessionKey } from "./session-days.queries.js";
import { applyToCartDay, itemsValue } from "./cart-days.queries.js";
import { noteProductNames, rebuildProductName } from "./product-names.queries.js";
import type { StoredEvent } from "./stored-event.js";

/**
 * Writes events exactly once, all in one transaction, so a request's events (an order and its
 * items among them) are either all stored or none. A repeated event id is dropped; a purchase
 * or refund whose transaction id is already stored is dropped too, except that a purchase
 * reported by the other side (browser vs server) is merged into the stored order.
 */
export function storeEvents(db: Db, events: readonly StoredEvent[]): void {
  db.transaction(() => {
    for (const event of events) storeOne(db, event);
  })();
}

function storeOne(db: Db, event: StoredEvent): void {
  if (!claimEventId(db, event.appspace_seq, event.event_id)) return;
  if (event.anonymous_id && event.user_id) {
    linkIdentity(db, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
  }
  if ((event.event_type !== "purchase" && event.event_type !== "refund") || !event.transaction_id) {
    const seq = insertEvent(db, event);
    addToSessionDay(db, event, seq);
    applyToCartDay(db, event, itemsValue(event.items), 1);
    noteProductNames(db, event, seq);
    return;
  }

  const order = findOrder(db, event.appspace_seq, event.event_type, event.transaction_id);
  if (!order) {
    if (event.event_type === "purchase") event.customer_order_index = orderIndex(db, event);
    const seq = insertEvent(db, event);
    insertOrder(db, event.appspace_seq, event.event_type, event.transaction_id, seq);
    addToSessionDay(db, event, seq);
    applyToCartDay(db, event, itemsValue(event.items), 1);
    noteProductNames(db, event, seq);
    return;
  }
  // Refunds are deduplicated, never merged; an erased order (event_seq NULL) stays erased.
  if (event.event_type !== "purchase" || order.event_seq === null) return;
  const stored = loadEvent(db, order.event_seq)!;
  if ((stored.seen_by & event.seen_by) !== 0) return;
  const merged = mergeOrder(stored, event);
  replaceEvent(db, order.event_seq, merged);
  const seq = order.event_seq;
  rebuildSessionDay(db, stored.appspace_seq, sessionKey({ ...stored, seq }), stored.day);
  rebuildSessionDay(db, merged.appspace_seq, sessionKey({ ...merged, seq }), merged.day);
  applyToCartDay(db, stored, itemsValue(stored.items), -1);
  applyToCartDay(db, merged, itemsValue(merged.items), 1);
  for (const id of new Set([...stored.items, ...merged.items].map((i) => i.item_id))) rebuildProductName(db, merged.appspace_seq, id);
  if (merged.anonymous_id && merged.user_id) {
    linkIdentity(db, merged.appspace_seq, merged.anonymous_id, merged.user_id, merged.ts);
  }
}

/** Which order of this visitor the purchase is: 1 for a first purchase. */
function orderIndex(db: Db, event: StoredEvent): number {
  const userId = event.user_id ?? (event.anonymous_id ? stitchedUser(db, event.appspace_seq, event.anonymous_id) : undefined);
  if (!userId && !event.anonymous_id) return 1;
  return countVisitorPurchases(db, event.appspace_seq, { userId, anonymousId: event.anonymous_id ?? undefined }, event.ts) + 1;
}
