// An independent model of the metric definitions in DESIGN.md, computed in plain TypeScript over
// the raw events a scenario sent. It shares no code with the collector's queries.
import type { Sent } from "./scenario.js";
import { TEST_RATES } from "./harness.js";

const DAY = 86_400_000;
const DIGITS: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3, GBP: 2 };

export interface Ev {
  type: string;
  ts: number;
  order: number;
  user?: string;
  anon?: string;
  session?: string;
  cart?: string;
  email?: string;
  revenue?: number; // base minor
  discount?: number;
  coupon?: string;
  campaign: [string | null, string | null, string | null] | null;
  device: string | null;
  platform: string | null;
  country: string | null;
  items: { id: string; name?: string; value: number; quantity: number }[];
  seenBy: "client" | "server" | "both";
  /** A fraud rule marked it (`stored`'s `isFlagged`; a merged order when either copy was). */
  flagged?: boolean;
}

function toBase(amount: number, currency: string, base: string): number {
  const minor = Math.round(amount * 10 ** DIGITS[currency]!);
  if (currency === base) return minor;
  const rate = TEST_RATES.rates[base]! / TEST_RATES.rates[currency]!;
  return Math.round((minor / 10 ** DIGITS[currency]!) * rate * 10 ** DIGITS[base]!);
}

/** price × quantity in base minor units: the line in its own minor units first, then converted. */
function lineBase(price: number | undefined, quantity: number, currency: string, base: string): number {
  if (price === undefined) return 0;
  const line = Math.round(Math.round(price * 10 ** DIGITS[currency]!) * quantity);
  return toBase(line / 10 ** DIGITS[currency]!, currency, base);
}

/** The events the collector should hold after receiving `sent`: repeats dropped, browser + server orders merged. */
export function stored(
  sent: Sent[],
  base: string,
  isFlagged: (body: Record<string, any>) => boolean = () => false,
): Ev[] {
  const events: Ev[] = [];
  const ids = new Set<string>();
  const orders = new Map<string, Ev>();
  sent.forEach(({ body, key }, order) => {
    if (body.event_id && ids.has(body.event_id)) return;
    if (body.event_id) ids.add(body.event_id);
    const cur = body.currency ?? base;
    const props = body.properties ?? {};
    const ctx = body.context ?? {};
    const own =
      props.campaign || props.source || props.medium
        ? [props.campaign ?? null, props.source ?? null, props.medium ?? null]
        : ctx.utm_campaign || ctx.utm_source || ctx.utm_medium
          ? [ctx.utm_campaign ?? null, ctx.utm_source ?? null, ctx.utm_medium ?? null]
          : null;
    const ev: Ev = {
      type: body.event_type,
      ts: Date.parse(body.timestamp),
      order,
      user: body.user_id,
      anon: body.anonymous_id,
      session: body.session_id,
      cart: body.cart_id,
      email: body.email,
      revenue: body.revenue === undefined ? undefined : toBase(body.revenue, cur, base),
      discount: body.discount === undefined ? undefined : toBase(body.discount, cur, base),
      coupon: body.coupon_code,
      campaign: own as Ev["campaign"],
      device: ctx.device_type ?? null,
      platform: ctx.platform ?? (key === "pk" ? "web" : null),
      country: key === "sk" ? (ctx.country ?? null) : null, // a browser's claimed country is not trusted
      items: (body.items ?? []).map((i: any) => ({
        id: i.item_id,
        name: i.item_name,
        quantity: i.quantity ?? 1,
        value: lineBase(i.price, i.quantity ?? 1, i.currency ?? cur, base),
      })),
      seenBy: key === "pk" ? "client" : "server",
      flagged: isFlagged(body),
    };
    if (ev.type === "purchase" || ev.type === "refund") {
      const k = `${ev.type}:${body.transaction_id}`;
      const prior = orders.get(k);
      if (prior) {
        // Once both sides reported an order, further reports of it are repeats.
        if (ev.type === "purchase" && prior.seenBy !== ev.seenBy && prior.seenBy !== "both")
          Object.assign(prior, merge(prior, ev), { flagged: prior.flagged || ev.flagged });
        return;
      }
      orders.set(k, ev);
    }
    events.push(ev);
  });
  return events;
}

function merge(a: Ev, b: Ev): Ev {
  const [client, server] = a.seenBy === "client" ? [a, b] : [b, a];
  return {
    ...client,
    revenue: server.revenue,
    discount: server.discount,
    items: server.items.length ? server.items : client.items,
    user: server.user ?? client.user,
    email: server.email ?? client.email,
    coupon: server.coupon ?? client.coupon,
    anon: client.anon ?? server.anon,
    session: client.session ?? server.session,
    cart: client.cart ?? server.cart,
    campaign: client.campaign ?? server.campaign,
    device: client.device ?? server.device,
    platform: client.platform ?? server.platform,
    country: client.country ?? server.country,
    ts: Math.min(a.ts, b.ts),
    order: a.order,
    seenBy: "both",
  };
}

/**
 * The model's answers for one range, in base minor units before rounding. `all`: every stored
 * event, where `events` leaves some out (exclude_flagged): identities and product names are
 * known from all of them, the numbers count `events` only.
 */
export function model(events: Ev[], range: { start: number; end: number }, now: number, all: Ev[] = events) {
  const stitch = new Map<string, string>();
  for (const e of [...all].sort((x, y) => x.order - y.order))
    if (e.anon && e.user && !stitch.has(e.anon)) stitch.set(e.anon, e.user);
  const visitor = (e: Ev) => e.user ?? (e.anon ? (stitch.get(e.anon) ?? e.anon) : undefined);
  const inRange = events.filter((e) => e.ts >= range.start && e.ts < range.end);
  const purchases = inRange.filter((e) => e.type === "purchase");
  const refunds = inRange.filter((e) => e.type === "refund");
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

  // carts
  const carts = new Map<string, { added: number; removed: number; add: boolean; bought: boolean }>();
  for (const e of inRange) {
    const key = e.cart ?? e.session;
    if (!key || !["add_to_cart", "remove_from_cart", "purchase"].includes(e.type)) continue;
    const c = carts.get(key) ?? { added: 0, removed: 0, add: false, bought: false };
    const value = sum(e.items.map((i) => i.value));
    if (e.type === "add_to_cart") (c.added += value), (c.add = true);
    if (e.type === "remove_from_cart") c.removed += value;
    if (e.type === "purchase") c.bought = true;
    carts.set(key, c);
  }
  const open = [...carts.values()].filter((c) => c.add);
  const abandoned = open.filter((c) => !c.bought);

  // funnel
  const steps = ["view_item", "add_to_cart", "view_cart", "begin_checkout", "add_payment_info", "purchase"];
  const funnel = steps.map(() => 0);
  const byVisitor = new Map<string, Ev[]>();
  for (const e of inRange) if (visitor(e)) byVisitor.set(visitor(e)!, [...(byVisitor.get(visitor(e)!) ?? []), e]);
  for (const list of byVisitor.values()) {
    let at = -Infinity;
    for (let s = 0; s < steps.length; s++) {
      const next = list
        .filter((e) => e.type === steps[s] && e.ts >= at)
        .sort((x, y) => x.ts - y.ts || x.order - y.order)[0];
      if (!next) break;
      funnel[s]! += 1;
      at = next.ts;
    }
  }

  // sessions and channels
  const sessionOf = (e: Ev) => e.session ?? `solo-${e.order}`;
  const sessions = (from: number, to: number) => {
    const map = new Map<string, { first: Ev; utm: Ev["campaign"] }>();
    const window = events.filter((e) => e.ts >= from && e.ts < to).sort((x, y) => x.ts - y.ts || x.order - y.order);
    for (const e of window) {
      const s = map.get(sessionOf(e)) ?? { first: e, utm: null };
      if (!s.utm && e.campaign) s.utm = e.campaign;
      map.set(sessionOf(e), s);
    }
    return map;
  };
  const rangeSessions = sessions(range.start, range.end);
  const channels = new Map<string, { revenue: number; orders: number; sessions: number }>();
  for (const s of rangeSessions.values()) {
    const k = JSON.stringify(s.utm ?? [null, null, null]);
    channels.set(k, { revenue: 0, orders: 0, sessions: (channels.get(k)?.sessions ?? 0) + 1 });
  }
  for (const p of purchases) {
    const k = JSON.stringify(p.campaign ?? rangeSessions.get(sessionOf(p))?.utm ?? [null, null, null]);
    const c = channels.get(k) ?? { revenue: 0, orders: 0, sessions: 0 };
    c.revenue += p.revenue!;
    c.orders += 1;
    channels.set(k, c);
  }

  const attribution = (model: string, windowDays: number) => {
    const touches = [...sessions(range.start - windowDays * DAY, range.end).values()].filter(
      (s) => s.utm && visitor(s.first),
    );
    const credit = new Map<string, { revenue: number; orders: number }>();
    let unRevenue = 0;
    let unOrders = 0;
    for (const p of purchases) {
      const mine = touches
        .filter(
          (t) =>
            visitor(t.first) === visitor(p) &&
            visitor(p) !== undefined &&
            t.first.ts <= p.ts &&
            t.first.ts >= p.ts - windowDays * DAY,
        )
        .sort((x, y) => x.first.ts - y.first.ts);
      if (!mine.length) {
        unRevenue += p.revenue!;
        unOrders++;
        continue;
      }
      const w =
        model === "last_click"
          ? mine.map((_, i) => (i === mine.length - 1 ? 1 : 0))
          : model === "linear"
            ? mine.map(() => 1 / mine.length)
            : mine.map((t) => 2 ** (-(p.ts - t.first.ts) / (7 * DAY)));
      const total = sum(w);
      const given = new Set<string>();
      mine.forEach((t, i) => {
        if (w[i] === 0) return;
        const k = JSON.stringify(t.utm);
        const c = credit.get(k) ?? { revenue: 0, orders: 0 };
        c.revenue += (p.revenue! * w[i]!) / total;
        if (!given.has(k)) c.orders++;
        given.add(k);
        credit.set(k, c);
      });
    }
    return {
      credit,
      unattributed: { revenue: unRevenue, orders: unOrders },
      total: sum(purchases.map((p) => p.revenue!)),
    };
  };

  // cohorts (all time)
  const monthOf = (ts: number) => new Date(ts).getUTCFullYear() * 12 + new Date(ts).getUTCMonth();
  const firstMonth = new Map<string, number>();
  for (const p of events.filter((e) => e.type === "purchase" && visitor(e))) {
    firstMonth.set(visitor(p)!, Math.min(firstMonth.get(visitor(p)!) ?? Infinity, monthOf(p.ts)));
  }
  const cohortRevenue = new Map<number, { users: Set<string>; byMonth: Map<number, number> }>();
  for (const [v, m] of firstMonth) {
    const c = cohortRevenue.get(m) ?? { users: new Set(), byMonth: new Map() };
    c.users.add(v);
    cohortRevenue.set(m, c);
  }
  for (const p of events.filter((e) => e.type === "purchase" && visitor(e))) {
    const m = firstMonth.get(visitor(p)!)!;
    const byMonth = cohortRevenue.get(m)!.byMonth;
    byMonth.set(monthOf(p.ts) - m, (byMonth.get(monthOf(p.ts) - m) ?? 0) + p.revenue!);
  }

  const productMap = new Map<string, { revenue: number; quantity: number; orders: Set<number> }>();
  for (const p of purchases)
    for (const i of p.items) {
      const r = productMap.get(i.id) ?? { revenue: 0, quantity: 0, orders: new Set() };
      r.revenue += i.value;
      r.quantity += i.quantity;
      r.orders.add(p.order);
      productMap.set(i.id, r);
    }
  const latestName = (id: string) =>
    [...all]
      .sort((x, y) => y.ts - x.ts || y.order - x.order)
      .flatMap((e) => e.items)
      .find((i) => i.id === id && i.name)?.name ?? null;

  const viewers = new Set(inRange.filter((e) => e.type === "view_item" && visitor(e)).map(visitor));
  const adders = new Set(inRange.filter((e) => e.type === "add_to_cart" && visitor(e)).map(visitor));

  const groupBy = (key: (e: Ev) => string | null) => {
    const out = new Map<string | null, { revenue: number; orders: number }>();
    for (const p of purchases) {
      const r = out.get(key(p)) ?? { revenue: 0, orders: 0 };
      r.revenue += p.revenue!;
      r.orders++;
      out.set(key(p), r);
    }
    return out;
  };

  return {
    revenue: sum(purchases.map((p) => p.revenue!)),
    orders: purchases.length,
    refunds: refunds.length,
    refundAmount: sum(refunds.map((r) => r.revenue!)),
    itemsSold: sum(purchases.flatMap((p) => p.items.map((i) => i.quantity))),
    abandoned: abandoned.length,
    completed: open.length - abandoned.length,
    abandonedValue: sum(abandoned.map((c) => Math.max(0, c.added - c.removed))),
    viewers: viewers.size,
    adders: adders.size,
    funnel,
    channels,
    attribution,
    cohorts: { firstMonth, cohortRevenue, current: monthOf(now) },
    products: { productMap, latestName },
    byDevice: groupBy((e) => e.device),
    byPlatform: groupBy((e) => e.platform),
    byCountry: groupBy((e) => e.country),
    coupons: (() => {
      const out = new Map<string, { revenue: number; orders: number; discount: number }>();
      for (const p of purchases.filter((p) => p.coupon)) {
        const r = out.get(p.coupon!) ?? { revenue: 0, orders: 0, discount: 0 };
        r.revenue += p.revenue!;
        r.orders++;
        r.discount += p.discount ?? 0;
        out.set(p.coupon!, r);
      }
      return out;
    })(),
    byDay: groupBy((e) => new Date(e.ts).toISOString().slice(0, 10)),
    visitor,
  };
}
