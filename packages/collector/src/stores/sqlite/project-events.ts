import type { Db } from "./open.js";
import {
  claimEventId,
  countRecentPurchases,
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
import { orderKeyOf } from "../../rules/order-key.js";
import { noteProductNames, rebuildProductName } from "./product-names.queries.js";
import type { StoredEvent } from "../../model/stored-event.js";
import { dirtyOf } from "./dirty.js";
import { applyEventToReadModel } from "./read-model-event.js";
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
 * Applies one event exactly once, inside the projector's transaction: a repeated event id is
 * dropped; a purchase or refund whose transaction id is already stored is dropped too, except
 * that a purchase reported by the other side (browser vs server) is merged into the stored
 * order. The fraud rules then judge what would be stored: a blocked event is dropped (its id
 * stays claimed, its order id is not taken), a flagged one is stored marked. Every read table it
 * touches is brought up to date with it, and its webhook events go to the outbox.
 */
export function projectEvent(db: Db, event: StoredEvent, context: ProjectionContext = { policy: DEFAULT_POLICY, fraud: { blocked: {}, flagged: {} }, now: Date.now() }): void {
  if (!claimEventId(db, event.appspace_seq, event.event_id)) return;
  const ordered = (event.event_type === "purchase" || event.event_type === "refund") && event.transaction_id !== null;
  const order = ordered ? findOrder(db, event.appspace_seq, event.event_type, orderKeyOf(event)) : undefined;
  // Refunds are deduplicated, never merged; an erased or purged order (event_seq NULL) stays gone.
  const stored = order && event.event_type === "purchase" && order.event_seq !== null ? loadEvent(db, order.event_seq)! : undefined;
  if (order && (!stored || (stored.seen_by & event.seen_by) !== 0)) {
    // A repeated order is still a sighting of its ids together.
    if (event.anonymous_id && event.user_id) link(db, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
    return;
  }

  const verdict = judge({
    event,
    settings: context.policy.settings,
    browserUserAgent: event.sent?.browserUserAgent,
    sentCurrencies: event.sent?.currencies ?? [],
    recentPurchases: () => countRecentPurchases(db, event, VELOCITY_WINDOW_MS),
  });
  if (!applyVerdict(event, verdict, context.fraud)) return;

  if (event.anonymous_id && event.user_id) link(db, event.appspace_seq, event.anonymous_id, event.user_id, event.ts);
  const hooks = !context.policy.imported;
  if (!stored) {
    if (event.event_type === "purchase") event.customer_order_index = orderIndex(db, event);
    const seq = insertEvent(db, event);
    if (ordered) insertOrder(db, event.appspace_seq, event.event_type, orderKeyOf(event), seq);
    noteProductNames(db, event, seq);
    applyEventToReadModel(db, event, 1);
    if (hooks) {
      if (ordered) enqueueWebhookEvent(db, event.appspace_seq, event.event_type as "purchase" | "refund", (base) => orderData(event, base), context.now);
      if (event.flagged) enqueueWebhookEvent(db, event.appspace_seq, "fraud_flagged", (base) => orderData(event, base), context.now);
      watchCartEvent(db, event);
    }
    return;
  }

  const merged = mergeOrder(stored, event);
  const seq = order!.event_seq!;
  replaceEvent(db, seq, merged);
  applyEventToReadModel(db, stored, -1);
  applyEventToReadModel(db, merged, 1);
  for (const id of new Set([...stored.items, ...merged.items].map((i) => i.item_id))) rebuildProductName(db, merged.appspace_seq, id);
  if (merged.anonymous_id && merged.user_id) link(db, merged.appspace_seq, merged.anonymous_id, merged.user_id, merged.ts);
  if (hooks) {
    if (orderChanged(stored, merged)) enqueueWebhookEvent(db, merged.appspace_seq, "purchase.updated", (base) => orderData(merged, base), context.now);
    if (event.flagged && !stored.flagged) enqueueWebhookEvent(db, merged.appspace_seq, "fraud_flagged", (base) => orderData(merged, base), context.now);
  }
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
