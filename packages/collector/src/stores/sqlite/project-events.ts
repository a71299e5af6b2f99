import type { Db } from "./open.js";
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
import { mergeOrder } from "../../rules/merge-order.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { cartEffect, itemsValue } from "../../rules/cart.js";
import { noteProductNames, rebuildProductName } from "./product-names.queries.js";
import type { StoredEvent } from "../../ingest/stored-event.js";
import { eventFacts } from "../../rules/event-facts.js";
import { applyContributions } from "./read-tables.queries.js";
import { dirtyOf, markEvent } from "./dirty.js";

/**
 * Applies one event exactly once, inside the projector's transaction: a repeated event id is
 * dropped; a purchase or refund whose transaction id is already stored is dropped too, except
 * that a purchase reported by the other side (browser vs server) is merged into the stored
 * order. Every read table it touches is brought up to date with it.
 */
export function projectEvent(db: Db, event: StoredEvent): void {
  if (!claimEventId(db, event.appspace_seq, event.event_id)) return;
  if (event.anonymous_id && event.user_id) {
    link(db, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
  }
  if ((event.event_type !== "purchase" && event.event_type !== "refund") || !event.transaction_id) {
    const seq = insertEvent(db, event);
    addToCartDay(db, event, 1);
    noteProductNames(db, event, seq);
    addToReadModel(db, event, 1);
    return;
  }

  const order = findOrder(db, event.appspace_seq, event.event_type, event.transaction_id);
  if (!order) {
    if (event.event_type === "purchase") event.customer_order_index = orderIndex(db, event);
    const seq = insertEvent(db, event);
    insertOrder(db, event.appspace_seq, event.event_type, event.transaction_id, seq);
    addToCartDay(db, event, 1);
    noteProductNames(db, event, seq);
    addToReadModel(db, event, 1);
    return;
  }
  // Refunds are deduplicated, never merged; an erased order (event_seq NULL) stays erased.
  if (event.event_type !== "purchase" || order.event_seq === null) return;
  const stored = loadEvent(db, order.event_seq)!;
  if ((stored.seen_by & event.seen_by) !== 0) return;
  const merged = mergeOrder(stored, event);
  replaceEvent(db, order.event_seq, merged);
  const seq = order.event_seq;
  addToCartDay(db, stored, -1);
  addToCartDay(db, merged, 1);
  addToReadModel(db, stored, -1);
  addToReadModel(db, merged, 1);
  for (const id of new Set([...stored.items, ...merged.items].map((i) => i.item_id))) rebuildProductName(db, merged.appspace_seq, id);
  if (merged.anonymous_id && merged.user_id) {
    link(db, merged.appspace_seq, merged.anonymous_id, merged.user_id, merged.ts);
  }
}

/** An event's own facts added (or taken back), and the entities it belongs to marked for their rollups. */
function addToReadModel(db: Db, event: StoredEvent, sign: 1 | -1): void {
  applyContributions(db, event.appspace_seq, eventFacts(event), sign);
  markEvent(db, event);
}

/** A new link moves the anonymous id's events to the user: both visitors change. */
export function link(db: Db, appspace: number, anonymousId: string, userId: string, ts: number): void {
  if (!linkIdentity(db, appspace, anonymousId, userId, ts)) return;
  const dirty = dirtyOf(db, appspace);
  dirty.visitors.add(anonymousId);
  dirty.visitors.add(userId);
}

/** Which order of this visitor the purchase is: 1 for a first purchase. */
function orderIndex(db: Db, event: StoredEvent): number {
  const userId = event.user_id ?? (event.anonymous_id ? stitchedUser(db, event.appspace_seq, event.anonymous_id) : undefined);
  if (!userId && !event.anonymous_id) return 1;
  return countVisitorPurchases(db, event.appspace_seq, { userId, anonymousId: event.anonymous_id ?? undefined }, event.ts) + 1;
}

function addToCartDay(db: Db, event: StoredEvent, sign: 1 | -1): void {
  applyToCartDay(db, event.appspace_seq, event.day, cartEffect(event, itemsValue(event.items), sign));
}
