// The reference model's first half: the events the collector should hold after a scenario's
// sends (repeats dropped, browser and server copies of an order merged), in plain TypeScript
// from the raw bodies. It shares no code with the collector's ingest or projection.
import type { Sent } from "./scenario.js";
import { TEST_RATES } from "./harness.js";

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
