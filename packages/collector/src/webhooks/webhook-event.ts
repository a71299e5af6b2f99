import { randomUUID } from "node:crypto";
import { fromMinor } from "@tally/schema";
import type { StoredEvent } from "../model/stored-event.js";
import { money } from "../queries/rounding.js";
import { SEEN_BY_CLIENT, SEEN_BY_SERVER } from "../model/stored-event.js";
import type { OutboxRow } from "../projection/ledger.js";

/** The types a webhook subscribes to; `purchase.updated` comes with `purchase`. */
export const WEBHOOK_TYPES = ["purchase", "refund", "cart_abandoned", "fraud_flagged"] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];
export type WebhookEventType = WebhookType | "purchase.updated";

/** The subscription a type is sent under. */
export const subscriptionOf = (type: WebhookEventType): WebhookType =>
  type === "purchase.updated" ? "purchase" : type;

/** The POSTed body: receivers dedupe by `id`. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  appspace_id: string;
  data: unknown;
}

/** An appspace as the projection sees its webhooks: each one's id and the types it takes. */
export interface AppspaceHooks {
  id: string;
  webhooks: ReadonlyArray<{ id: string; events: readonly string[] }>;
}

/** The appspace's webhooks that take events of `type`. */
export const subscribersOf = (space: AppspaceHooks, type: WebhookEventType): string[] =>
  space.webhooks.filter((w) => w.events.includes(subscriptionOf(type))).map((w) => w.id);

/**
 * A new event of `type` in the outbox: a row for each webhook of the appspace that takes it, one
 * id and one body for all (none when no webhook takes it; `data` is then never made).
 */
export function outboxRowsOf(
  space: AppspaceHooks,
  type: WebhookEventType,
  data: () => unknown,
  now: number,
): OutboxRow[] {
  const hooks = subscribersOf(space, type);
  if (hooks.length === 0) return [];
  const event: WebhookEvent = {
    id: randomUUID(),
    type,
    created_at: new Date(now).toISOString(),
    appspace_id: space.id,
    data: data(),
  };
  const body = JSON.stringify(event);
  return hooks.map((webhook_id) => ({ id: event.id, webhook_id, body, created_at: now }));
}

/**
 * An order (or refund, or flagged event) as the query API shows one: money in the base currency's
 * major units, the original amount beside it when it was sent in another currency.
 */
export function orderData(e: StoredEvent, base: string) {
  const amount = (minor: number | null) => (minor === null ? null : money(minor, base));
  return {
    event_id: e.event_id,
    event_type: e.event_type,
    transaction_id: e.transaction_id,
    timestamp: new Date(e.ts).toISOString(),
    user_id: e.user_id,
    anonymous_id: e.anonymous_id,
    email: e.email,
    revenue: amount(e.revenue_base),
    currency: base,
    ...(e.currency !== base && e.revenue !== null
      ? { original_revenue: fromMinor(e.revenue, e.currency), original_currency: e.currency }
      : {}),
    subtotal: amount(e.subtotal_base),
    discount: amount(e.discount_base),
    shipping: amount(e.shipping_base),
    tax: amount(e.tax_base),
    coupon_code: e.coupon_code,
    customer_order_index: e.customer_order_index,
    seen_by: [...(e.seen_by & SEEN_BY_CLIENT ? ["client"] : []), ...(e.seen_by & SEEN_BY_SERVER ? ["server"] : [])],
    items: e.items.map((i) => ({
      item_id: i.item_id,
      item_name: i.item_name,
      item_category: i.item_category,
      price: amount(i.price_base),
      quantity: i.quantity,
      line_total: amount(i.line_total_base),
    })),
    ...(e.fraud_rules ? { rules: e.fraud_rules.split(",") } : {}),
  };
}

/** Whether a merge changed what a receiver of `purchase` was told: money or items. */
export function orderChanged(before: StoredEvent, after: StoredEvent): boolean {
  const money = (e: StoredEvent) => [e.currency, e.revenue, e.discount, e.shipping, e.tax, e.subtotal];
  const items = (e: StoredEvent) => e.items.map((i) => [i.item_id, i.price, i.quantity, i.currency]);
  return JSON.stringify([money(before), items(before)]) !== JSON.stringify([money(after), items(after)]);
}
