// A year of a shop's traffic, deterministic for a seed: what the query and dashboard benchmarks
// store before they time anything.
const DAY = 86_400_000;
/** The benchmarks' clock: the generated year ends on this day. */
export const NOW = Date.parse("2026-11-24T12:00:00Z");

/** A seeded generator of numbers in [0, 1). */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sessions of 1–20 events over the year before `end`, oldest first: mostly views and carts, ~3% purchases, some refunds. */
export function* events(count, rand, end = NOW) {
  const campaigns = [
    null,
    { utm_source: "google", utm_medium: "cpc", utm_campaign: "brand" },
    { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring" },
    { utm_source: "instagram", utm_medium: "social" },
  ];
  const visitors = Math.max(1000, Math.floor(count / 25));
  let made = 0;
  let order = 0;
  while (made < count) {
    const v = Math.floor(rand() * visitors);
    const session = `s${made}`;
    // Sessions come in time order over the year, as live traffic arrives.
    const start = end - (363 - Math.floor((made / count) * 363)) * DAY - Math.floor(rand() * DAY);
    const utm = campaigns[Math.floor(rand() * campaigns.length)];
    const currency = ["USD", "EUR", "JPY", "GBP"][v % 4];
    const user = v % 3 === 0 ? `u${v}` : undefined;
    const n = 1 + Math.floor(rand() * 20);
    for (let i = 0; i < n && made < count; i++, made++) {
      const r = rand();
      const sku = Math.floor(rand() * 2000);
      const item = {
        item_id: `sku-${sku}`,
        item_name: `Product ${sku}`,
        price: currency === "JPY" ? 1500 : 19.99,
        quantity: 1 + (sku % 3),
      };
      const base = {
        anonymous_id: `a${v}`,
        session_id: session,
        ...(user && i > 2 && { user_id: user }),
        timestamp: start + i * 60_000,
        context: {
          ...(utm ?? {}),
          device_type: ["mobile", "desktop", "tablet"][v % 3],
          country: ["US", "DE", "GB", "JP"][v % 4],
        },
      };
      if (r < 0.45) yield { ...base, event_type: "view_item", items: [item] };
      else if (r < 0.65) yield { ...base, event_type: "add_to_cart", cart_id: `c${v}-${session}`, items: [item] };
      else if (r < 0.7) yield { ...base, event_type: "remove_from_cart", cart_id: `c${v}-${session}`, items: [item] };
      else if (r < 0.8) yield { ...base, event_type: "view_cart" };
      else if (r < 0.88) yield { ...base, event_type: "begin_checkout" };
      else if (r < 0.93) yield { ...base, event_type: "add_payment_info" };
      else if (r < 0.965)
        yield {
          ...base,
          event_type: "purchase",
          transaction_id: `o${++order}`,
          revenue: currency === "JPY" ? 4500 : 59.97,
          currency,
          cart_id: `c${v}-${session}`,
          ...(sku % 5 === 0 && { coupon_code: "SAVE10", discount: 5 }),
          items: [item, { ...item, item_id: `sku-${(sku + 1) % 2000}` }],
        };
      else if (r < 0.97 && order > 0)
        yield { ...base, event_type: "refund", transaction_id: `o${order}`, revenue: 10, currency };
      else yield { ...base, event_type: "search", properties: { search_term: "shoes" } };
    }
  }
}
