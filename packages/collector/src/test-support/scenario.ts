import { NOW } from "./harness.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One event as a client sends it, and with which key. */
export interface Sent {
  body: Record<string, any>;
  key: "pk" | "sk";
}

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CURRENCIES = ["USD", "EUR", "JPY"] as const;
const PRICES: Record<string, number[]> = { USD: [12.5, 30, 7.99], EUR: [10, 24.5, 3.25], JPY: [1200, 3000, 450] };
const CAMPAIGNS = [
  { utm_campaign: "spring", utm_source: "newsletter", utm_medium: "email" },
  { utm_campaign: "brand", utm_source: "google", utm_medium: "cpc" },
  { utm_source: "instagram", utm_medium: "social" },
];
const DEVICES = ["mobile", "desktop", "tablet", undefined] as const;
const COUNTRIES = ["US", "DE", "JP", undefined] as const;

/**
 * Visitors browsing, carting and buying over ~75 days before NOW: campaigns across sessions,
 * anonymous visitors identified later, carts with and without cart_id and with removals,
 * purchases in USD/EUR/JPY with coupons, refunds, resent events and orders, browser purchases
 * that the server reports too (merged), events without a session, back-dated events.
 */
export function scenario(seed = 7, visitors = 36): Sent[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const sent: Sent[] = [];
  let order = 0;
  for (let v = 0; v < visitors; v++) {
    const anon = `anon-${v}`;
    const userId = v % 3 === 0 ? `user-${v}` : undefined;
    const currency = CURRENCIES[v % 3]!;
    const sessions = 1 + (v % 4);
    const device = DEVICES[v % 4];
    const country = COUNTRIES[(v >> 1) % 4];
    for (let s = 0; s < sessions; s++) {
      const last = s === sessions - 1;
      const merged = v % 5 === 1 && last;
      const start = merged ? NOW - (1 + rand() * 5) * DAY : NOW - rand() * 75 * DAY;
      const sessionId = v % 7 === 6 && s === 0 ? undefined : `sess-${v}-${s}`;
      const campaign = s % 2 === 0 || v % 4 === 0 ? pick([...CAMPAIGNS, undefined]) : undefined;
      const cartId = v % 2 === 0 ? `cart-${v}-${s}` : undefined;
      let t = start;
      const base = () => ({
        timestamp: new Date((t += 5 * 60_000 * (0.5 + rand()))).toISOString(),
        anonymous_id: anon,
        ...(userId && last && { user_id: userId }),
        ...(sessionId && { session_id: sessionId }),
        context: {
          ...(campaign && s % 2 === 0 && { ...campaign }),
          ...(device && { device_type: device, platform: v % 6 === 0 ? "ios" : "web" }),
          ...(country && { country }),
        },
      });
      const item = (i: number) => ({
        item_id: `sku-${i}`,
        item_name: `Product ${i}`,
        price: PRICES[currency]![i % 3]!,
        quantity: 1 + (i % 2),
        currency,
      });
      const a = Math.floor(rand() * 5);
      const b = (a + 1 + Math.floor(rand() * 3)) % 6;
      sent.push({ key: "sk", body: { event_type: "view_item", items: [item(a)], ...base() } });
      if (rand() < 0.7) sent.push({ key: "sk", body: { event_type: "view_item", items: [item(b)], ...base() } });
      if (rand() < 0.25) continue;
      sent.push({
        key: "sk",
        body: { event_type: "add_to_cart", ...(cartId && { cart_id: cartId }), items: [item(a)], currency, ...base() },
      });
      sent.push({
        key: "sk",
        body: { event_type: "add_to_cart", ...(cartId && { cart_id: cartId }), items: [item(b)], currency, ...base() },
      });
      if (rand() < 0.4)
        sent.push({
          key: "sk",
          body: {
            event_type: "remove_from_cart",
            ...(cartId && { cart_id: cartId }),
            items: [item(b)],
            currency,
            ...base(),
          },
        });
      if (rand() < 0.2 && !merged) continue;
      sent.push({ key: "sk", body: { event_type: "view_cart", ...base() } });
      if (rand() < 0.8) sent.push({ key: "sk", body: { event_type: "begin_checkout", ...base() } });
      if (rand() < 0.7) sent.push({ key: "sk", body: { event_type: "add_payment_info", ...base() } });
      if (rand() < 0.3 && !merged) continue;
      const txn = `order-${++order}`;
      const items = [item(a)];
      const price = items.reduce((sum, i) => sum + i.price * i.quantity, 0);
      const coupon = rand() < 0.4 ? pick(["SAVE10", "WELCOME"]) : undefined;
      const purchase = {
        event_type: "purchase",
        event_id: `evt-${txn}`,
        transaction_id: txn,
        revenue: price,
        currency,
        ...(cartId && { cart_id: cartId }),
        ...(coupon && { coupon_code: coupon, discount: currency === "JPY" ? 100 : 2.5 }),
        ...(rand() < 0.2 && { properties: { campaign: "affiliate-x", source: "partner" } }),
        items,
        ...base(),
      };
      if (merged) {
        sent.push({ key: "pk", body: purchase });
        const server = {
          event_type: "purchase",
          event_id: `srv-${txn}`,
          transaction_id: txn,
          revenue: Math.round(price * 0.9),
          currency: "EUR",
          user_id: userId ?? `server-user-${v}`,
          email: `v${v}@example.com`,
          coupon_code: "SERVER",
          timestamp: new Date(Date.parse(purchase.timestamp) + 2 * HOUR).toISOString(),
          items: [{ item_id: `sku-${a}`, price: Math.round(price * 0.9), quantity: 1 }],
        };
        sent.push({ key: "sk", body: server });
      } else {
        sent.push({ key: "sk", body: purchase });
      }
      if (rand() < 0.3) sent.push({ key: "sk", body: { ...purchase, event_id: `again-${txn}`, revenue: 1 } }); // resent order
      if (rand() < 0.3) sent.push({ key: "sk", body: { ...purchase } }); // resent event id
      if (rand() < 0.25) {
        const refund = { event_type: "refund", transaction_id: txn, revenue: price / 2, currency, ...base() };
        sent.push({ key: "sk", body: refund }, { key: "sk", body: { ...refund, revenue: 1 } });
      }
    }
  }
  sent.push({
    key: "sk",
    body: {
      event_type: "purchase",
      transaction_id: "no-visitor",
      revenue: 5,
      timestamp: new Date(NOW - 2 * DAY).toISOString(),
    },
  });
  sent.push(...acrossMidnight(rand));
  // Identified after the fact: every earlier event of these anonymous ids becomes the user's.
  for (const v of [1, 4, 10, 13]) {
    sent.push({
      key: "sk",
      body: {
        event_type: "view_cart",
        anonymous_id: `anon-${v}`,
        user_id: `later-${v}`,
        timestamp: new Date(NOW - 3 * HOUR).toISOString(),
      },
    });
  }
  return arriveLate(sent, rand);
}

const TODAY = Math.floor(NOW / DAY) * DAY;

/**
 * Sessions and carts that run over midnight, placed on the midnights that ranges and attribution
 * windows cut at (the starts of days=7 and days=30, those minus 7, 30 and 90 days, month starts),
 * with a campaign on either side and purchases after midnight.
 */
function acrossMidnight(rand: () => number): Sent[] {
  const sent: Sent[] = [];
  const midnights = [6, 29, 13, 36, 59, 66, 96, 119]
    .map((d) => TODAY - d * DAY)
    .concat([Date.parse("2026-02-01"), Date.parse("2026-03-01")]);
  midnights.forEach((midnight, n) => {
    const anon = `night-${n}`;
    const session = `night-sess-${n}`;
    const cart = n % 2 === 0 ? `night-cart-${n}` : undefined;
    const at = (minutes: number) => new Date(midnight + minutes * 60_000).toISOString();
    const utm = (c: number) => ({ context: { ...CAMPAIGNS[c % CAMPAIGNS.length] } });
    const ids = { anonymous_id: anon, session_id: session, ...(n % 3 === 0 && { user_id: `night-user-${n}` }) };
    const item = { item_id: `sku-${n % 6}`, item_name: `Night ${n}`, price: 20, quantity: 1 };
    sent.push({
      key: "sk",
      body: { event_type: "view_item", items: [item], timestamp: at(-30), ...ids, ...(n % 2 === 0 && utm(n)) },
    });
    sent.push({
      key: "sk",
      body: { event_type: "add_to_cart", items: [item], ...(cart && { cart_id: cart }), timestamp: at(-20), ...ids },
    });
    sent.push({ key: "sk", body: { event_type: "view_cart", timestamp: at(10), ...ids, ...utm(n + 1) } });
    sent.push({ key: "sk", body: { event_type: "begin_checkout", timestamp: at(15), ...ids } });
    if (rand() < 0.7) {
      sent.push({
        key: "sk",
        body: {
          event_type: "purchase",
          transaction_id: `night-order-${n}`,
          revenue: 20,
          items: [item],
          ...(cart && { cart_id: cart }),
          timestamp: at(20),
          ...ids,
        },
      });
    }
    // The same visitor buys again a window's length later, inside a range that cuts the session.
    for (const days of [7, 30, 90]) {
      if (rand() < 0.5) continue;
      sent.push({
        key: "sk",
        body: {
          event_type: "purchase",
          transaction_id: `night-again-${n}-${days}`,
          revenue: 10 + days,
          anonymous_id: anon,
          timestamp: new Date(midnight + days * DAY + 5 * 60_000).toISOString(),
        },
      });
    }
  });
  return sent.filter((s) => Date.parse(s.body.timestamp) < NOW);
}

/**
 * About one event in eight arrives late, after everything else (a server import, a slow queue):
 * the projector sees its session, cart and visitor again, and a browser's order can arrive after
 * the server's report of it.
 */
function arriveLate(sent: Sent[], rand: () => number): Sent[] {
  const onTime: Sent[] = [];
  const late: Sent[] = [];
  for (const s of sent) (rand() < 0.125 ? late : onTime).push(s);
  return [...onTime, ...late];
}
