import { SEEN_BY_CLIENT, type StoredEvent } from "../model/stored-event.js";

const MONEY = [
  "currency",
  "rate",
  "revenue",
  "revenue_base",
  "subtotal",
  "subtotal_base",
  "discount",
  "discount_base",
  "shipping",
  "shipping_base",
  "tax",
  "tax_base",
] as const;
const FILL = ["user_id", "email", "coupon_code"] as const;

/**
 * One order from the browser's and the server's report of it (Spotler's rule): the server's
 * money and items win; user id, email and coupon fill gaps; the browser's ids, session, cart,
 * context and device stay; the earlier timestamp is kept. `merge(a, b)` equals `merge(b, a)`.
 */
export function mergeOrder(a: StoredEvent, b: StoredEvent): StoredEvent {
  const [client, server] = a.seen_by & SEEN_BY_CLIENT ? [a, b] : [b, a];
  const merged: StoredEvent = { ...server, ...pickClientSide(client, server) };
  for (const key of MONEY) (merged as unknown as Record<string, unknown>)[key] = server[key];
  for (const key of FILL) merged[key] = server[key] ?? client[key];
  merged.items = server.items.length ? server.items : client.items;
  merged.subtotal = server.items.length ? server.subtotal : client.subtotal;
  merged.subtotal_base = server.items.length ? server.subtotal_base : client.subtotal_base;
  merged.properties = { ...server.properties, ...client.properties };
  merged.ts = Math.min(a.ts, b.ts);
  merged.day = Math.min(a.day, b.day);
  merged.received_at = Math.min(a.received_at, b.received_at);
  merged.seen_by = a.seen_by | b.seen_by;
  merged.flagged = a.flagged | b.flagged;
  // Flagged when either copy was, with the rules both copies fired.
  const rules = [...new Set([a.fraud_rules, b.fraud_rules].flatMap((r) => r?.split(",") ?? []))];
  merged.fraud_rules = rules.length ? rules.join(",") : null;
  merged.customer_order_index = client.customer_order_index ?? server.customer_order_index;
  merged.server_door = server.server_door ?? client.server_door;
  merged.client_door = client.client_door ?? server.client_door;
  return merged;
}

/** What the browser knows better than the server: who, where from, on what. Falls back to the server's. */
function pickClientSide(client: StoredEvent, server: StoredEvent): Partial<StoredEvent> {
  const out: Record<string, unknown> = {};
  const keys = [
    "event_id",
    "anonymous_id",
    "session_id",
    "cart_id",
    "page_url",
    "page_path",
    "page_title",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "device_type",
    "platform",
    "country",
    "locale",
    "user_agent",
  ] as const;
  for (const key of keys) out[key] = client[key] ?? server[key];
  const hasCampaign = client.campaign || client.source || client.medium;
  const from = hasCampaign ? client : server;
  out.campaign = from.campaign;
  out.source = from.source;
  out.medium = from.medium;
  return out as Partial<StoredEvent>;
}
