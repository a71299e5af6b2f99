import type { Projection } from "./projection.js";
import { claimEventId, countVisitorPurchases, findOrder, insertEvent, insertOrder, linkIdentity, loadEvent, replaceEvent, stitchedUser } from "./events.queries.js";
import { mergeOrder } from "../../rules/merge-order.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { cartEffect, itemsValue } from "../../rules/cart.js";
import { noteProductNames, rebuildProductName } from "./product-names.queries.js";
import type { StoredEvent } from "../../ingest/stored-event.js";
import { eventFacts } from "../../rules/event-facts.js";

/**
 * Applies one event exactly once, inside the projection's transaction: a repeated event id is
 * dropped (the ledger's primary key decides); a purchase or refund whose transaction id is
 * already stored is dropped too, except that a purchase reported by the other side (browser vs
 * server) is merged into the stored order, whose row is locked meanwhile. Every read table it
 * touches is brought up to date with it.
 */
export async function projectEvent(p: Projection, event: StoredEvent): Promise<void> {
  const { tx } = p;
  if (!(await claimEventId(tx, event.appspace_seq, event.event_id))) return;
  if (event.anonymous_id && event.user_id) await link(p, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
  if ((event.event_type !== "purchase" && event.event_type !== "refund") || !event.transaction_id) {
    const seq = await insertEvent(tx, event);
    await added(p, event, seq);
    return;
  }

  const order = await findOrder(tx, event.appspace_seq, event.event_type, event.transaction_id);
  if (!order) {
    if (event.event_type === "purchase") event.customer_order_index = await orderIndex(p, event);
    const seq = await insertEvent(tx, event);
    await insertOrder(tx, event.appspace_seq, event.event_type, event.transaction_id, seq);
    await added(p, event, seq);
    return;
  }
  // Refunds are deduplicated, never merged; an erased order (event_seq NULL) stays erased.
  if (event.event_type !== "purchase" || order.event_seq === null) return;
  const stored = (await loadEvent(tx, order.event_seq))!;
  if ((stored.seen_by & event.seen_by) !== 0) return;
  const merged = mergeOrder(stored, event);
  await replaceEvent(tx, order.event_seq, merged);
  await addToCartDay(p, stored, -1);
  await addToCartDay(p, merged, 1);
  addToReadModel(p, stored, -1);
  addToReadModel(p, merged, 1);
  for (const id of new Set([...stored.items, ...merged.items].map((i) => i.item_id))) await rebuildProductName(tx, merged.appspace_seq, id);
  if (merged.anonymous_id && merged.user_id) await link(p, merged.appspace_seq, merged.anonymous_id, merged.user_id, merged.ts);
}

async function added(p: Projection, event: StoredEvent, seq: number): Promise<void> {
  await addToCartDay(p, event, 1);
  await noteProductNames(p.tx, event, seq);
  addToReadModel(p, event, 1);
}

/** An event's own facts added (or taken back), and the entities it belongs to marked for their rollups. */
export function addToReadModel(p: Projection, event: StoredEvent, sign: 1 | -1): void {
  p.writes.add(event.appspace_seq, eventFacts(event), sign);
  p.mark(event);
}

/** A new link moves the anonymous id's events to the user: both visitors change. */
export async function link(p: Projection, appspace: number, anonymousId: string, userId: string, ts: number): Promise<void> {
  if (!(await linkIdentity(p.tx, appspace, anonymousId, userId, ts))) return;
  const dirty = p.dirtyOf(appspace);
  dirty.visitors.add(anonymousId);
  dirty.visitors.add(userId);
}

/** Which order of this visitor the purchase is: 1 for a first purchase. */
async function orderIndex(p: Projection, event: StoredEvent): Promise<number> {
  const userId = event.user_id ?? (event.anonymous_id ? await stitchedUser(p.tx, event.appspace_seq, event.anonymous_id) : undefined);
  if (!userId && !event.anonymous_id) return 1;
  return (await countVisitorPurchases(p.tx, event.appspace_seq, { userId, anonymousId: event.anonymous_id ?? undefined }, event.ts)) + 1;
}

async function addToCartDay(p: Projection, event: StoredEvent, sign: 1 | -1): Promise<void> {
  await applyToCartDay(p.tx, event.appspace_seq, event.day, cartEffect(event, itemsValue(event.items), sign));
}
