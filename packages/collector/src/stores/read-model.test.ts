import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW, type Harness } from "../test-support/harness.js";
import { model, stored, type Ev } from "../test-support/reference.js";
import { random, scenario, type Sent } from "../test-support/scenario.js";
import { READ_TABLES } from "../rules/contribution.js";

const DAY = 86_400_000;
const Q = "/v1/api/analytics/ecommerce";
const major = (minor: number) => Math.round(minor) / 100;
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** Every read table's rows, additive rows that sum to nothing left out, money compared at a millionth. */
async function snapshot(h: Harness) {
  const out: Record<string, string[]> = {};
  for (const [table, spec] of Object.entries(READ_TABLES)) {
    const rows = await h.rows<Record<string, unknown>>(`SELECT * FROM ${table}`);
    out[table] = rows
      .filter((r) => !spec.additive || spec.values.some((v) => Math.abs(Number(r[v])) > 1e-6))
      .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v])))
      .sort();
  }
  return out;
}

/** The read tables as the projector kept them equal the ones recomputed from the stored events. */
async function expectSameAsRebuilt(h: Harness) {
  const kept = await snapshot(h);
  await h.rebuild();
  expect(kept).toEqual(await snapshot(h));
}

async function send(h: Harness, chunk: Sent[]) {
  for (const kind of ["pk", "sk"] as const) {
    const events = chunk.filter((s) => s.key === kind).map((s) => s.body);
    if (!events.length) continue;
    const res = await h.post(BATCH, { events }, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key);
    expect((await res.json()).accepted).toBe(events.length);
  }
}

async function erase(h: Harness, user: string) {
  const res = await h.app.request(`/v1/api/analytics/user/${user}`, { method: "DELETE", headers: { authorization: `Bearer ${h.shop.secret_key}` } });
  expect(res.status).toBe(200);
}

/** The reference's events after an erase: the user's, their stitched anonymous ids', and those of any email on them. */
function erased(events: Ev[], user: string): Ev[] {
  const stitch = new Map<string, string>();
  for (const e of [...events].sort((x, y) => x.order - y.order)) if (e.anon && e.user && !stitch.has(e.anon)) stitch.set(e.anon, e.user);
  const gone = events.filter((e) => e.user === user || (e.anon && stitch.get(e.anon) === user));
  const emails = new Set(gone.map((e) => e.email).filter(Boolean));
  return events.filter((e) => !gone.includes(e) && !(e.email && emails.has(e.email)));
}

/** User ids that made a purchase. */
const buyers = (sent: Sent[]) => [...new Set(sent.filter((s) => s.body.event_type === "purchase" && s.body.user_id).map((s) => s.body.user_id as string))];

/** Chunks of random sizes, in a random mix of arrival orders. */
function chunks(sent: Sent[], rand: () => number): Sent[][] {
  const out: Sent[][] = [];
  for (let i = 0; i < sent.length; ) {
    const n = 1 + Math.floor(rand() * 60);
    out.push(sent.slice(i, i + n));
    i += n;
  }
  return out;
}

describe("the read model kept by the projector", () => {
  it.each([3, 11, 29])("equals a recomputation after random ingests, merges and erases (seed %i)", async (seed) => {
    const rand = random(seed);
    const h = await harness();
    const sent = scenario(seed, 14);
    const users = buyers(sent);
    for (const chunk of chunks(sent, rand)) {
      await send(h, chunk);
      if (rand() < 0.15) await expectSameAsRebuilt(h);
      if (rand() < 0.05) await erase(h, users[Math.floor(rand() * users.length)]!);
    }
    await erase(h, users[0]!);
    await expectSameAsRebuilt(h);
  }, 30_000);

  it.each([5, 17])("answers like the reference model after late events and an erase (seed %i)", async (seed) => {
    const h = await harness();
    const sent = scenario(seed, 24);
    for (const chunk of chunks(sent, random(seed + 1))) await send(h, chunk);
    // One who bought under their own id, and one a server reported with an email.
    const gone = [buyers(sent).find((u) => u.startsWith("user-"))!, buyers(sent).find((u) => u.startsWith("server-user-"))!];
    for (const user of gone) await erase(h, user);
    await expectSameAsRebuilt(h);
    const events = gone.reduce(erased, stored(sent, "USD"));
    const today = Math.floor(NOW / DAY) * DAY;
    const ranges: Array<[string, { start: number; end: number }]> = [
      ["days=30", { start: today - 29 * DAY, end: today + DAY }],
      ["days=365", { start: today - 364 * DAY, end: today + DAY }],
      ["start=2026-01-17&end=2026-02-14", { start: Date.parse("2026-01-17"), end: Date.parse("2026-02-15") }],
    ];
    const get = async (path: string) => (await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${h.shop.secret_key}` } })).json();
    for (const [query, range] of ranges) {
      const x = model(events, range, NOW);
      const overview = await get(`overview?${query}`);
      expect(overview).toMatchObject({
        total_revenue: major(x.revenue),
        total_orders: x.orders,
        total_refunds: x.refunds,
        total_items_sold: x.itemsSold,
        cart_abandonment_rate: pct(x.abandoned, x.abandoned + x.completed),
        add_to_cart_rate: pct(x.adders, x.viewers),
      });
      expect((await get(`funnel?${query}`)).steps.map((s: { count: number }) => s.count)).toEqual(x.funnel);
      expect(await get(`cart-abandonment?${query}`)).toMatchObject({ abandoned_carts: x.abandoned, completed_carts: x.completed, abandoned_revenue: major(x.abandonedValue) });
      const channels = (await get(`revenue-by-channel?${query}`)).channels;
      const expected = [...x.channels.entries()].filter(([, c]) => c.orders > 0);
      expect(channels).toHaveLength(expected.length);
      for (const [key, c] of expected) {
        const [campaign, source, medium] = JSON.parse(key);
        expect(channels).toContainEqual({ campaign, source, medium, revenue: major(c.revenue), orders: c.orders, conversion_rate: pct(c.orders, c.sessions || c.orders) });
      }
      for (const m of ["last_click", "time_decay"]) {
        const a = x.attribution(m, 30);
        const body = await get(`attribution?${query}&model=${m}&window=30`);
        expect(body.unattributed).toEqual({ revenue: major(a.unattributed.revenue), orders: a.unattributed.orders });
        expect(body.attributed.map((r: { orders: number }) => r.orders).sort()).toEqual([...a.credit.values()].map((c) => c.orders).sort());
      }
    }
  }, 30_000);
});
