import type { StoredEvent } from "../model/stored-event.js";
import { mergeOrder } from "../rules/merge-order.js";
import { orderKeyOf } from "../rules/order-key.js";
import { applyVerdict, judge } from "../policies/fraud/judge.js";
import { VELOCITY_WINDOW_MS } from "../policies/fraud/velocity.js";
import { settingsOf } from "../policies/settings.js";
import {
  orderChanged,
  orderData,
  outboxRowsOf,
  subscribersOf,
  type WebhookEventType,
} from "../webhooks/webhook-event.js";
import { watchedCartOf } from "../webhooks/cart-watch.js";
import { updateWatchedCarts } from "./watched-carts.js";
import { updateProductNames } from "./product-names.js";
import type { DecodedEntry } from "../store.js";
import {
  ask,
  type LedgerProcedure,
  type OrderKey,
  type OutboxRow,
  type SliceEntry,
  type SliceOutcome,
} from "./ledger.js";
import { PurchaseIndex } from "./purchase-index.js";
import { ReadModelDelta } from "./read-model-delta.js";
import { applyReadModel } from "./apply-read-model.js";
import { markTouched, noneDirty } from "../rules/touched-entities.js";

/** The policy of an entry written before entries carried one: the default settings. */
export const DEFAULT_POLICY: NonNullable<DecodedEntry["policy"]> = { settings: settingsOf({}) };

/** An event of the slice on its way to being stored, or a stored one a merge changes. */
interface Tracked {
  /** Its id in the purchase index. */
  id: string;
  event: StoredEvent;
  /** The stored row's seq; none yet for an event the slice adds. */
  seq?: number;
  /** A stored event as it was before the slice changed it. */
  before?: StoredEvent;
  /** Every version of a new event (a merge inside the slice replaces it): their entities are settled. */
  versions: StoredEvent[];
}

/** An order's key in the slice and in the ledger's `findOrders` answer: its kind and the id it counts once under (`rules/order-key.ts`). */
const keyOf = (kind: string, orderId: string) => `${kind}\u0000${orderId}`;
const isOrdered = (e: StoredEvent) =>
  (e.event_type === "purchase" || e.event_type === "refund") && e.transaction_id !== null;

/**
 * One appspace's slice of inbox entries, projected exactly once inside the store's transaction:
 * the procedure written once for every store, over the ledger port (see `ledger.ts`). It reads
 * what the slice needs in a few batched calls (claimed ids, stored orders, identities, the
 * visitors' purchases, watched carts), decides in memory in entry order — dedup, the browser and
 * server merge, the fraud rules' verdicts, identity links, the order index, webhook events —
 * with earlier events of the slice visible to later ones, then writes with a number of calls
 * that does not grow with the slice, and settles the rollups of what it touched.
 *
 * Per event, as each store did one by one before: a repeated event id is dropped; a purchase or
 * refund whose transaction id is already stored is dropped too, except that a purchase reported
 * by the other side (browser vs server) is merged into the stored order. The fraud rules judge
 * what would be stored: a blocked event is dropped (its id stays claimed, its order id is not
 * taken), a flagged one is stored marked.
 */
export function* projectSlice(
  appspace: number,
  entries: readonly SliceEntry[],
  decode: (text: string) => DecodedEntry,
  now: number,
): LedgerProcedure<SliceOutcome> {
  const outcome: SliceOutcome = { rejected: [], fraud: { blocked: {}, flagged: {} } };
  const decoded: DecodedEntry[] = [];
  for (const entry of entries) {
    try {
      decoded.push(decode(entry.body));
    } catch (error) {
      outcome.rejected.push({ seq: entry.seq, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const events = decoded.flatMap((d) => d.events);
  const links = decoded.flatMap((d) => d.links ?? []);
  if (events.length === 0 && links.length === 0 && !decoded.some((d) => d.losses)) return outcome;

  // What the slice needs to know, a call each.
  const space = yield* ask((l) => l.appspace(appspace));
  // Every new id is claimed, whatever becomes of its event (a blocked one's id stays claimed).
  const known = yield* ask((l) => l.claimEventIds(appspace, [...new Set(events.map((e) => e.event_id))]));
  const orderKeys = new Map<string, OrderKey>();
  for (const e of events)
    if (isOrdered(e))
      orderKeys.set(keyOf(e.event_type, orderKeyOf(e)), {
        kind: e.event_type as OrderKey["kind"],
        transaction_id: orderKeyOf(e),
      });
  const storedOrders = orderKeys.size
    ? yield* ask((l) => l.findOrders(appspace, [...orderKeys.values()]))
    : new Map<string, number | null>();
  const purchaseSeqs = [...storedOrders]
    .filter(([key, seq]) => key.startsWith("purchase\u0000") && seq !== null)
    .map(([, seq]) => seq!);
  const storedEvents = purchaseSeqs.length
    ? yield* ask((l) => l.loadEvents(purchaseSeqs))
    : new Map<number, StoredEvent>();

  const anonymousIds = new Set<string>();
  const userIds = new Set<string>();
  const note = (e: { anonymous_id: string | null; user_id: string | null }) => {
    if (e.anonymous_id !== null) anonymousIds.add(e.anonymous_id);
    if (e.user_id !== null) userIds.add(e.user_id);
  };
  for (const e of events) note(e);
  for (const e of storedEvents.values()) note(e);
  for (const k of links) note({ anonymous_id: k.anonymousId, user_id: k.userId });
  const identities = anonymousIds.size
    ? yield* ask((l) => l.identitiesOfAnonymous(appspace, [...anonymousIds]))
    : new Map<string, string>();
  for (const user of identities.values()) userIds.add(user);
  const stitchedTo = new Map<string, Set<string>>();
  const stitch = (anonymous: string, user: string) => {
    let set = stitchedTo.get(user);
    if (!set) stitchedTo.set(user, (set = new Set()));
    set.add(anonymous);
  };
  for (const [anonymous, user] of identities) stitch(anonymous, user);
  const hasPurchase = events.some((e) => e.event_type === "purchase");
  if (hasPurchase && userIds.size) {
    for (const r of yield* ask((l) => l.identitiesOfUsers(appspace, [...userIds]))) {
      stitch(r.anonymous_id, r.user_id);
      if (!identities.has(r.anonymous_id)) identities.set(r.anonymous_id, r.user_id);
      anonymousIds.add(r.anonymous_id);
    }
  }
  const purchases = new PurchaseIndex(
    hasPurchase ? yield* ask((l) => l.visitorPurchases(appspace, [...userIds], [...anonymousIds])) : [],
  );

  const watchesCarts = subscribersOf(space, "cart_abandoned").length > 0;

  // Deciding, in entry order.
  const orders = new Map<string, Tracked | null>();
  for (const [key, seq] of storedOrders) {
    const stored = seq === null ? undefined : storedEvents.get(seq);
    orders.set(key, stored ? { id: `s${seq}`, event: stored, seq: seq!, versions: [] } : null);
  }
  const added: Tracked[] = [];
  const merged = new Map<number, Tracked>();
  const namesToRebuild = new Set<string>();
  const newLinks: Array<{ anonymous_id: string; user_id: string; ts: number }> = [];
  const outbox: OutboxRow[] = [];
  const losses = new Map<number, { dropped: number; expired: number }>();
  const watched: Array<{ cart: string; event: StoredEvent }> = [];
  const delta = new ReadModelDelta();
  // Entities whose stored events change other than by the slice adding some: settled from a full read.
  const reread = noneDirty();

  const link = (anonymous: string, user: string, ts: number) => {
    if (identities.has(anonymous)) return;
    identities.set(anonymous, user);
    stitch(anonymous, user);
    newLinks.push({ anonymous_id: anonymous, user_id: user, ts });
    for (const d of [delta.dirty.of(appspace), reread]) {
      d.visitors.add(anonymous);
      d.visitors.add(user);
    }
  };
  const enqueue = (type: WebhookEventType, e: StoredEvent) =>
    outbox.push(...outboxRowsOf(space, type, () => orderData(e, space.currency), now));

  for (const entry of decoded) {
    const policy = entry.policy ?? DEFAULT_POLICY;
    const hooks = !policy.imported;
    for (const event of entry.events) {
      if (known.has(event.event_id)) continue;
      known.add(event.event_id);
      const ordered = isOrdered(event);
      const key = ordered ? keyOf(event.event_type, orderKeyOf(event)) : "";
      const order = ordered ? orders.get(key) : undefined;
      // Refunds are deduplicated, never merged; an erased or purged order (null) stays gone.
      const stored = order && event.event_type === "purchase" ? order : undefined;
      if (order !== undefined && (!stored || (stored.event.seen_by & event.seen_by) !== 0)) {
        // A repeated order is still a sighting of its ids together.
        if (event.anonymous_id && event.user_id) link(event.anonymous_id, event.user_id, event.ts);
        continue;
      }

      const verdict = judge({
        event,
        settings: policy.settings,
        browserUserAgent: event.sent?.browserUserAgent,
        sentCurrencies: event.sent?.currencies ?? [],
        recentPurchases: () => purchases.recent(event, VELOCITY_WINDOW_MS),
      });
      if (!applyVerdict(event, verdict, outcome.fraud)) continue;

      if (event.anonymous_id && event.user_id) link(event.anonymous_id, event.user_id, event.ts);
      if (!stored) {
        if (event.event_type === "purchase") {
          const userId = event.user_id ?? (event.anonymous_id ? identities.get(event.anonymous_id) : undefined);
          const visitor = { userId, anonymousId: event.anonymous_id ?? undefined };
          event.customer_order_index =
            !userId && !event.anonymous_id
              ? 1
              : purchases.countUpTo(visitor, userId ? (stitchedTo.get(userId) ?? []) : [], event.ts) + 1;
        }
        const tracked: Tracked = { id: `n${added.length}`, event, versions: [event] };
        added.push(tracked);
        if (ordered) orders.set(key, tracked);
        if (event.event_type === "purchase") purchases.put(tracked.id, event);
        if (hooks) {
          if (ordered) enqueue(event.event_type as "purchase" | "refund", event);
          if (event.flagged) enqueue("fraud_flagged", event);
          const cart = watchesCarts ? watchedCartOf(event) : undefined;
          if (cart !== undefined) watched.push({ cart, event });
        }
        continue;
      }

      const before = stored.event;
      const after = mergeOrder(before, event);
      if (stored.seq !== undefined) {
        stored.before ??= before;
        merged.set(stored.seq, stored);
      }
      stored.event = after;
      stored.versions.push(after);
      purchases.put(stored.id, after);
      for (const item of [...before.items, ...after.items]) namesToRebuild.add(item.item_id);
      if (after.anonymous_id && after.user_id) link(after.anonymous_id, after.user_id, after.ts);
      if (hooks) {
        if (orderChanged(before, after)) enqueue("purchase.updated", after);
        if (event.flagged && !before.flagged) enqueue("fraud_flagged", after);
      }
    }
    const l = entry.losses;
    if (l && (l.dropped || l.expired)) {
      const day = losses.get(l.day) ?? { dropped: 0, expired: 0 };
      day.dropped += l.dropped;
      day.expired += l.expired;
      losses.set(l.day, day);
    }
    for (const k of entry.links ?? []) link(k.anonymousId, k.userId, k.ts);
  }

  // Writing, a call per kind of row.
  const seqs = added.length ? yield* ask((l) => l.newEventSeqs(added.length)) : [];
  added.forEach((t, i) => (t.seq = seqs[i]));
  const rows = added.map((t) => ({ seq: t.seq!, event: t.event }));
  if (rows.length) yield* ask((l) => l.insertEvents(rows));
  if (merged.size)
    yield* ask((l) => l.replaceEvents([...merged.values()].map((t) => ({ seq: t.seq!, event: t.event }))));
  const newOrders = added
    .filter((t) => isOrdered(t.event))
    .map((t) => ({
      kind: t.event.event_type as OrderKey["kind"],
      transaction_id: orderKeyOf(t.event),
      event_seq: t.seq!,
    }));
  if (newOrders.length) yield* ask((l) => l.insertOrders(appspace, newOrders));
  if (newLinks.length) yield* ask((l) => l.insertIdentities(appspace, newLinks));

  yield* updateProductNames(appspace, rows, namesToRebuild);

  // The read model: each event's own facts and cart day, then the rollups of what they touched.
  for (const t of added) {
    delta.add(t.event, 1);
    for (const v of t.versions) delta.dirty.mark(v);
  }
  for (const t of merged.values()) {
    delta.add(t.before!, -1);
    delta.add(t.event, 1);
    for (const v of [t.before!, ...t.versions]) {
      delta.dirty.mark(v);
      markTouched(reread, v);
    }
  }
  yield* applyReadModel(appspace, delta, {
    added: rows,
    identities,
    reread,
  });

  if (outbox.length) yield* ask((l) => l.enqueueDeliveries(outbox));
  if (watched.length) yield* updateWatchedCarts(appspace, watched);
  if (losses.size)
    yield* ask((l) =>
      l.addSdkLosses(
        appspace,
        [...losses].map(([day, n]) => ({ day, ...n })),
      ),
    );
  return outcome;
}
