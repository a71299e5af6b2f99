import {
  boundsProblem,
  parseTimestamp,
  PUBLISHABLE_BACKDATE_DAYS,
  toMinor,
  type EcommerceEvent,
  type EcommerceItem,
} from "@tally/schema";
import type { AppspaceRow } from "../store.js";
import type { KeyKind } from "../auth/keys.js";
import { convertMinor, rateBetween } from "../currency/convert.js";
import type { RatesTable } from "../currency/rates.js";
import { deviceTypeOf } from "./device.js";
import { DAY_MS } from "../model/time.js";
import {
  BROWSER_DOORS,
  SEEN_BY_CLIENT,
  SEEN_BY_SERVER,
  SERVER_SOURCES,
  type StoredEvent,
  type StoredItem,
} from "../model/stored-event.js";

/** The request's door when it is one of `doors`, else the key's own. */
const doorOf = <T extends string>(doors: readonly T[], door: string | undefined, fallback: T): T =>
  doors.includes(door as T) ? (door as T) : fallback;

/** What the request tells about the events it carries, besides their bodies. */
export interface RequestFacts {
  appspace: AppspaceRow;
  keyKind: KeyKind;
  now: number;
  rates: RatesTable;
  /** The request's User-Agent; trusted for the shopper's device only with a publishable key. */
  userAgent?: string;
  /** The country from the trusted header named by `--country-header`. */
  country?: string;
  /** Makes an event id for events sent without one. */
  newId: () => string;
  /** The door the request came through (a platform source, the Shopify pixel, Segment's browser library); by default the key's. */
  door?: string;
}

export type Prepared = { ok: true; event: StoredEvent } | { ok: false; message: string; code: string };

export type Admitted =
  | { ok: true; ts: number; currency: string; rate: number }
  | { ok: false; message: string; code: string };

/**
 * What the answer to an event depends on besides its validation: its timestamp within what the
 * key may back-date and the retention, its amounts within `MAX_MINOR_UNITS` of their currency,
 * and every currency it names known to the rates. Checked
 * on the request path; `prepareEvent` checks it again, with the same facts, in the projector.
 */
export function admitEvent(event: EcommerceEvent, facts: RequestFacts): Admitted {
  const { appspace, now } = facts;
  let ts = event.timestamp === undefined ? now : parseTimestamp(event.timestamp);
  if (ts > now) ts = now;
  if (facts.keyKind === "publishable" && ts < now - PUBLISHABLE_BACKDATE_DAYS * DAY_MS) {
    return {
      ok: false,
      code: "ingest.timestamp_too_old",
      message: `timestamp is more than ${PUBLISHABLE_BACKDATE_DAYS} days in the past`,
    };
  }
  if (ts < now - appspace.retention_days * DAY_MS) {
    return {
      ok: false,
      code: "ingest.timestamp_too_old",
      message: `timestamp is older than the appspace's ${appspace.retention_days}-day retention`,
    };
  }
  const currency = event.currency ?? appspace.currency;
  const beyond = boundsProblem(event, currency);
  if (beyond) return { ok: false, code: "ingest.value_too_large", message: beyond };
  const rate = rateBetween(facts.rates, currency, appspace.currency);
  if (rate === undefined)
    return { ok: false, code: "ingest.unknown_currency", message: `Unknown currency ${currency}` };
  for (const item of event.items ?? []) {
    const own = item.currency ?? currency;
    if (rateBetween(facts.rates, own, appspace.currency) === undefined) {
      return { ok: false, code: "ingest.unknown_currency", message: `Unknown currency ${own}` };
    }
  }
  return { ok: true, ts, currency, rate };
}

/** The browser's User-Agent the fraud rules judge: the request's with a publishable key, the event's own with a secret key. */
export function browserUserAgentOf(
  event: EcommerceEvent,
  facts: Pick<RequestFacts, "keyKind" | "userAgent">,
): string | undefined {
  return facts.keyKind === "secret" ? event.context?.user_agent : facts.userAgent;
}

/** The currencies an admitted event needs rates for. */
export function currenciesOf(event: EcommerceEvent, base: string): string[] {
  const own = event.currency ?? base;
  return [own, ...(event.items ?? []).map((i) => i.currency ?? own)];
}

/**
 * Turns a validated event into the row that is stored: timestamp rules, enrichment (device,
 * platform, country), campaign information, and every amount in minor units of its own and of
 * the base currency.
 */
export function prepareEvent(event: EcommerceEvent, facts: RequestFacts): Prepared {
  const admitted = admitEvent(event, facts);
  if (!admitted.ok) return admitted;
  const { appspace, now } = facts;
  const { ts, currency, rate } = admitted;
  const money = (amount: number | undefined) => {
    if (amount === undefined) return [null, null] as const;
    const minor = toMinor(amount, currency);
    return [minor, convertMinor(minor, currency, appspace.currency, rate)] as const;
  };

  const items = (event.items ?? []).map((item) => prepareItem(item, currency, facts));

  const [revenue, revenue_base] = money(event.revenue);
  const [discount, discount_base] = money(event.discount);
  const [shipping, shipping_base] = money(event.shipping);
  const [tax, tax_base] = money(event.tax);
  const ordered = event.event_type === "purchase" || event.event_type === "refund";
  const priced = items.filter((i) => i.line_total !== null);
  const subtotal = ordered && priced.length ? sumIn(priced, currency, facts.rates) : null;

  const context = event.context ?? {};
  const properties = event.properties ?? {};
  const campaign = campaignOf(properties, context);
  const secret = facts.keyKind === "secret";
  const userAgent = context.user_agent ?? (secret ? undefined : facts.userAgent);
  const country = (secret ? (context.country ?? facts.country) : facts.country)?.toUpperCase();

  return {
    ok: true,
    event: {
      appspace_seq: appspace.seq,
      event_id: event.event_id ?? facts.newId(),
      event_type: event.event_type,
      ts,
      day: Math.floor(ts / DAY_MS),
      received_at: now,
      seen_by: secret ? SEEN_BY_SERVER : SEEN_BY_CLIENT,
      transaction_id: event.transaction_id ?? null,
      user_id: event.user_id ?? null,
      anonymous_id: event.anonymous_id ?? null,
      session_id: event.session_id ?? null,
      cart_id: event.cart_id ?? null,
      email: event.email ?? null,
      currency,
      rate,
      revenue,
      revenue_base,
      subtotal: subtotal?.own ?? null,
      subtotal_base: subtotal?.base ?? null,
      discount,
      discount_base,
      shipping,
      shipping_base,
      tax,
      tax_base,
      coupon_code: event.coupon_code ?? null,
      customer_order_index: null,
      ...campaign,
      page_url: context.page_url ?? null,
      page_path: context.page_path ?? null,
      page_title: context.page_title ?? null,
      referrer: context.referrer ?? null,
      utm_source: context.utm_source ?? null,
      utm_medium: context.utm_medium ?? null,
      utm_campaign: context.utm_campaign ?? null,
      utm_term: context.utm_term ?? null,
      utm_content: context.utm_content ?? null,
      device_type: context.device_type ?? deviceTypeOf(userAgent),
      platform: context.platform ?? (secret && !userAgent ? null : "web"),
      country: country && /^[A-Z]{2}$/.test(country) ? country : null,
      locale: context.locale ?? null,
      user_agent: userAgent ?? null,
      flagged: 0,
      fraud_rules: null,
      server_door: secret ? doorOf(SERVER_SOURCES, facts.door, "secret_key") : null,
      client_door: secret ? null : doorOf(BROWSER_DOORS, facts.door, "script_tag"),
      items,
      properties,
      sent: {
        currencies: [event.currency, ...(event.items ?? []).map((i) => i.currency)].filter(
          (c): c is string => c !== undefined,
        ),
        browserUserAgent: browserUserAgentOf(event, facts),
      },
    },
  };
}

function prepareItem(item: EcommerceItem, eventCurrency: string, facts: RequestFacts): StoredItem {
  const base = facts.appspace.currency;
  const currency = item.currency ?? eventCurrency;
  const rate = rateBetween(facts.rates, currency, base)!;
  const quantity = item.quantity ?? 1;
  const price = item.price === undefined ? null : toMinor(item.price, currency);
  const discount = item.discount === undefined ? null : toMinor(item.discount, currency);
  const lineTotal = price === null ? null : Math.round(price * quantity);
  const lineNet = lineTotal === null ? null : lineTotal - (discount ?? 0);
  const toBase = (minor: number | null) => (minor === null ? null : convertMinor(minor, currency, base, rate));
  return {
    item_id: item.item_id,
    item_name: item.item_name ?? null,
    item_category: item.item_category ?? null,
    item_brand: item.item_brand ?? null,
    item_variant: item.item_variant ?? null,
    item_list_name: item.item_list_name ?? null,
    item_list_id: item.item_list_id ?? null,
    item_image_url: item.item_image_url ?? null,
    currency,
    rate,
    price,
    price_base: toBase(price),
    quantity,
    coupon_code: item.coupon_code ?? null,
    discount,
    discount_base: toBase(discount),
    line_total: lineTotal,
    line_total_base: toBase(lineTotal),
    line_net: lineNet,
    line_net_base: toBase(lineNet),
  };
}

/** Σ line totals, in the event's currency and in base (items may carry their own currency). */
function sumIn(items: StoredItem[], currency: string, rates: RatesTable) {
  let own = 0;
  let base = 0;
  for (const item of items) {
    base += item.line_total_base!;
    own +=
      item.currency === currency
        ? item.line_total!
        : convertMinor(item.line_total!, item.currency, currency, rateBetween(rates, item.currency, currency)!);
  }
  return { own, base };
}

/** The event's own campaign information: its campaign properties when it has any, else its UTM. */
function campaignOf(properties: Record<string, string>, context: NonNullable<EcommerceEvent["context"]>) {
  if (properties.campaign || properties.source || properties.medium) {
    return {
      campaign: properties.campaign || null,
      source: properties.source || null,
      medium: properties.medium || null,
    };
  }
  return {
    campaign: context.utm_campaign || null,
    source: context.utm_source || null,
    medium: context.utm_medium || null,
  };
}
