// A generated shop history for the demo appspace and the browser tests: visitors over the last
// days with product views, carts, checkouts, purchases with campaigns, coupons and devices, and
// a few refunds. Deterministic: the same seed and clock give the same events.

const PRODUCTS = [
  { item_id: "sku-tee", item_name: "T-Shirt", price: 24.99 },
  { item_id: "sku-hoodie", item_name: "Hoodie", price: 59.5 },
  { item_id: "sku-cap", item_name: "Cap", price: 15 },
  { item_id: "sku-mug", item_name: "Mug", price: 9.75 },
];
const CAMPAIGNS = [
  { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring-sale" },
  { utm_source: "google", utm_medium: "cpc", utm_campaign: "brand" },
  {},
];
const DEVICES = [
  { device_type: "desktop", country: "US" },
  { device_type: "mobile", country: "GB" },
  { device_type: "mobile", country: "DE" },
  { device_type: "tablet", country: "US" },
];

/** A small deterministic random source (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The events of `visitors` visits spread over the `days` days ending at `now`, in the ingest
 * contract's shape (back-dated, so they must be sent with a secret key).
 *
 * @example
 * await sendEvents("http://127.0.0.1:8787", secretKey, generateHistory({ days: 60 }));
 */
export function generateHistory({ days = 60, visitors = 120, seed = 7, now = Date.now() } = {}) {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const events: Record<string, unknown>[] = [];
  for (let v = 0; v < visitors; v++) {
    const start = now - Math.floor(rand() * days * 86_400_000) - 3_600_000;
    const user = `user-${v % 90}`;
    const session = `s-${seed}-${v}`;
    const context = { ...pick(CAMPAIGNS), ...pick(DEVICES), platform: "web" };
    const product = pick(PRODUCTS);
    const quantity = 1 + Math.floor(rand() * 3);
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const base = { user_id: user, session_id: session, context };
    const item = { ...product, quantity };
    events.push({ ...base, event_type: "view_item", timestamp: at(0), items: [product] });
    if (rand() < 0.6) continue;
    events.push({ ...base, event_type: "add_to_cart", cart_id: `c-${session}`, timestamp: at(1), items: [item] });
    if (rand() < 0.35) continue;
    events.push({ ...base, event_type: "view_cart", cart_id: `c-${session}`, timestamp: at(2) });
    events.push({ ...base, event_type: "begin_checkout", cart_id: `c-${session}`, timestamp: at(3) });
    events.push({ ...base, event_type: "add_payment_info", cart_id: `c-${session}`, timestamp: at(4) });
    const coupon = rand() < 0.3 ? { coupon_code: "SAVE10", discount: 5 } : {};
    const revenue = Math.round(product.price * quantity * 100) / 100;
    const order = `order-${seed}-${v}`;
    events.push({
      ...base,
      ...coupon,
      event_type: "purchase",
      cart_id: `c-${session}`,
      transaction_id: order,
      revenue,
      currency: "USD",
      timestamp: at(5),
      items: [item],
    });
    if (rand() < 0.08)
      events.push({ ...base, event_type: "refund", transaction_id: order, revenue, timestamp: at(60 * 24) });
  }
  return events.filter((e) => Date.parse(e.timestamp as string) < now);
}

/** How far back the browser's copies go: a publishable key may back-date by 8 days at most. */
const BROWSER_DAYS = 7;

/**
 * The history as a shop with both doors open reports it: in the last week the visits come from
 * the browser, and each order is reported by the browser only, the server only, or both (a third
 * each); refunds and everything older (further back than a browser may date an event) come from
 * the server. Send `browser` with the publishable key and `server` with the secret one.
 *
 * @example
 * const { browser, server } = splitHistory(generateHistory({ days: 60 }));
 */
export function splitHistory(events: Record<string, unknown>[], now = Date.now()) {
  const browser: Record<string, unknown>[] = [];
  const server: Record<string, unknown>[] = [];
  let orders = 0;
  for (const event of events) {
    const recent = Date.parse(event.timestamp as string) > now - BROWSER_DAYS * 86_400_000;
    if (!recent || event.event_type === "refund") server.push(event);
    else if (event.event_type !== "purchase") browser.push(event);
    else {
      const side = orders++ % 3;
      if (side !== 1) browser.push(event);
      if (side !== 0) server.push(event);
    }
  }
  return { browser, server };
}

/** Sends events to a collector's `/batch` in batches of 100 with a key (and a User-Agent, for a browser's); throws on any refusal. */
export async function sendEvents(url: string, key: string, events: Record<string, unknown>[], userAgent?: string) {
  for (let i = 0; i < events.length; i += 100) {
    const res = await fetch(`${url}/v1/api/analytics/ecommerce/batch`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        ...(userAgent ? { "user-agent": userAgent } : {}),
      },
      body: JSON.stringify({ events: events.slice(i, i + 100) }),
    });
    const body = (await res.json()) as { errors?: string[] };
    if (!res.ok || body.errors) throw new Error(`batch ${i / 100}: ${res.status} ${JSON.stringify(body)}`);
  }
}
