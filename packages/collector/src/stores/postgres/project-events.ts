import type { Projection } from "./projection.js";
import { claimEventId, countRecentPurchases, countVisitorPurchases, findOrder, insertEvent, insertOrder, linkIdentity, loadEvent, replaceEvent, stitchedUser } from "./events.queries.js";
import { orderKeyOf } from "../../rules/order-key.js";
import { mergeOrder } from "../../rules/merge-order.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { cartEffect, itemsValue } from "../../rules/cart.js";
import { noteProductNames, rebuildProductName } from "./product-names.queries.js";
import type { StoredEvent } from "../../model/stored-event.js";
import { eventFacts } from "../../rules/event-facts.js";
import { readKeysOf } from "../../model/read-key.js";
import type { DecodedEntry, FraudCounts } from "../../store.js";
import { applyVerdict, judge } from "../../policies/fraud/judge.js";
import { VELOCITY_WINDOW_MS } from "../../policies/fraud/velocity.js";
import { settingsOf } from "../../policies/settings.js";
import { orderChanged, orderData } from "../../webhooks/webhook-event.js";
import { enqueueWebhookEvent } from "./webhooks.queries.js";
import { watchCartEvent } from "./watched-carts.queries.js";

/** What the projection of one entry needs besides its events: its policy, and where fraud verdicts are counted. */
export interface ProjectionContext {
  policy: NonNullable<DecodedEntry["policy"]>;
  fraud: FraudCounts;
  now: number;
}

/** The policy of an entry written before entries carried one: the default settings. */
export const DEFAULT_POLICY = { settings: settingsOf({}) };

/**
 * Applies one event exactly once, inside the projection's transaction: a repeated event id is
 * dropped (the ledger's primary key decides); a purchase or refund whose transaction id is
 * already stored is dropped too, except that a purchase reported by the other side (browser vs
 * server) is merged into the stored order, whose row is locked meanwhile. The fraud rules then
 * judge what would be stored: a blocked event is dropped (its id stays claimed, its order id is
 * not taken), a flagged one is stored marked. Every read table it touches is brought up to date,
 * and its webhook events go to the outbox.
 */
export async function projectEvent(p: Projection, event: StoredEvent, context: ProjectionContext): Promise<void> {
  const { tx } = p;
  if (!(await claimEventId(tx, event.appspace_seq, event.event_id))) return;
  const ordered = (event.event_type === "purchase" || event.event_type === "refund") && event.transaction_id !== null;
  const order = ordered ? await findOrder(tx, event.appspace_seq, event.event_type, orderKeyOf(event)) : undefined;
  // Refunds are deduplicated, never merged; an erased or purged order (event_seq NULL) stays gone.
  const stored = order && event.event_type === "purchase" && order.event_seq !== null ? await loadEvent(tx, order.event_seq) : undefined;
  if (order && (!stored || (stored.seen_by & event.seen_by) !== 0)) {
    // A repeated order is still a sighting of its ids together.
    if (event.anonymous_id && event.user_id) await link(p, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
    return;
  }

  // The velocity rule's count is read only when it can fire (the rule is on, the event a purchase).
  const velocityMayFire = context.policy.settings.fraud.velocity !== "off" && event.event_type === "purchase";
  const recent = velocityMayFire ? await countRecentPurchases(tx, event, VELOCITY_WINDOW_MS) : 0;
  const verdict = judge({
    event,
    settings: context.policy.settings,
    browserUserAgent: event.sent?.browserUserAgent,
    sentCurrencies: event.sent?.currencies ?? [],
    recentPurchases: () => recent,
  });
  if (!applyVerdict(event, verdict, context.fraud)) return;

  if (event.anonymous_id && event.user_id) await link(p, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
  const hooks = !context.policy.imported;
  if (!stored) {
    if (event.event_type === "purchase") event.customer_order_index = await orderIndex(p, event);
    const seq = await insertEvent(tx, event);
    if (ordered) await insertOrder(tx, event.appspace_seq, event.event_type, orderKeyOf(event), seq);
    await noteProductNames(tx, event, seq);
    await addToReadModel(p, event, 1);
    if (hooks) {
      if (ordered) await enqueueWebhookEvent(tx, event.appspace_seq, event.event_type as "purchase" | "refund", (base) => orderData(event, base), context.now);
      if (event.flagged) await enqueueWebhookEvent(tx, event.appspace_seq, "fraud_flagged", (base) => orderData(event, base), context.now);
      await watchCartEvent(tx, event);
    }
    return;
  }

  const merged = mergeOrder(stored, event);
  const seq = order!.event_seq!;
  await replaceEvent(tx, seq, merged);
  await addToReadModel(p, stored, -1);
  await addToReadModel(p, merged, 1);
  for (const id of new Set([...stored.items, ...merged.items].map((i) => i.item_id))) await rebuildProductName(tx, merged.appspace_seq, id);
  if (merged.anonymous_id && merged.user_id) await link(p, merged.appspace_seq, merged.anonymous_id, merged.user_id, merged.ts);
  if (hooks) {
    if (orderChanged(stored, merged)) await enqueueWebhookEvent(tx, merged.appspace_seq, "purchase.updated", (base) => orderData(merged, base), context.now);
    if (event.flagged && !stored.flagged) await enqueueWebhookEvent(tx, merged.appspace_seq, "fraud_flagged", (base) => orderData(merged, base), context.now);
  }
}

/**
 * An event's own facts and cart day added (sign 1) or taken back (sign -1) under every read key
 * it counts under (see `rules/read-key.ts`), and the entities it belongs to marked for their rollups.
 */
export async function addToReadModel(p: Projection, event: StoredEvent, sign: 1 | -1): Promise<void> {
  const facts = eventFacts(event);
  const cart = cartEffect(event, itemsValue(event.items), sign);
  for (const key of readKeysOf(event)) {
    p.writes.add(key, facts, sign);
    await applyToCartDay(p.tx, key, event.day, cart);
  }
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
