// An independent model of the metric definitions in DESIGN.md, computed in plain TypeScript over
// the events a scenario leaves stored (`reference-events.ts`). It shares no code with the
// collector's queries.
import type { Ev } from "./reference-events.js";

const DAY = 86_400_000;

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
