import { describe, expect, it } from "vitest";
import { BATCH, harness, seedPurchase, TRACK } from "../test-support/harness.js";

/** A small deterministic PRNG (mulberry32), so a failing body can be reproduced. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -0,
  "",
  "x".repeat(5000),
  "49.99",
  [],
  [1, [2]],
  {},
  { a: { b: { c: {} } } },
  "\u0000",
  "\ud800",
  "😀",
  "<script>",
  NaN,
  "2026-13-45T99:99:99Z",
  Number.MAX_SAFE_INTEGER * 10,
  // Hostile values: past the money and quantity bounds, lone surrogates, ids of only whitespace.
  1e11 + 1,
  1e12,
  1e13,
  1e13 + 2,
  1_000_001,
  5e18,
  "\udfff",
  "a\ud83d",
  " ",
  "\t \n",
];

/** Mutates a valid body: a field swapped for a weird value, removed, or moved to the wrong depth. */
function mutate(rand: () => number, body: Record<string, unknown>): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const copy = structuredClone(body) as Record<string, any>;
  const kind = Math.floor(rand() * 6);
  const keys = Object.keys(copy);
  if (kind === 0) copy[pick(keys)] = pick(WEIRD);
  else if (kind === 1) delete copy[pick(keys)];
  else if (kind === 2)
    copy.items = [{ ...copy.items[0], [pick(["price", "quantity", "item_id", "currency", "discount"])]: pick(WEIRD) }];
  else if (kind === 3) copy.properties = { [pick(["a", "b"])]: pick(WEIRD) };
  else if (kind === 4) copy.context = { [pick(["page_url", "device_type", "country", "utm_source"])]: pick(WEIRD) };
  else copy.items = [{ ...copy.items[0], nested: structuredClone(body) }];
  return copy;
}

function rawBody(rand: () => number): string {
  const forms = [
    () => "{",
    () => "]",
    () => '{"event_type":"purchase",}',
    () => JSON.stringify({ events: Array.from({ length: 101 }, () => ({ event_type: "view_cart" })) }),
    () => JSON.stringify({ events: [{ event_type: "view_cart" }], events2: 1 }),
    () => '"just a string"',
    () => "1e999",
    () => JSON.stringify({ event_type: "view_cart", timestamp: -5 }),
    () =>
      JSON.stringify({
        event_type: "view_cart",
        properties: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, "v"])),
      }),
    () =>
      JSON.stringify({
        event_type: "view_item",
        items: Array.from({ length: 1001 }, (_, i) => ({ item_id: `i${i}` })),
      }),
    () => `{"event_type":"view_cart","user_id":"${"\\ud83d".repeat(3)}"}`,
  ];
  return forms[Math.floor(rand() * forms.length)]!();
}

describe("bad input never makes a 5xx nor a half-written event", () => {
  it("answers a 4xx JSON error (or a clean accept) for 400 generated bodies", async () => {
    const h = await harness();
    const rand = random(42);
    const statuses = new Map<number, number>();
    const expectedItems = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const useRaw = rand() < 0.25;
      const body = useRaw ? rawBody(rand) : JSON.stringify(mutate(rand, seedPurchase({ transaction_id: `o-${i}` })));
      const path = !useRaw && rand() < 0.5 ? BATCH : TRACK;
      const sent = path === BATCH && !useRaw ? JSON.stringify({ events: [JSON.parse(body)] }) : body;
      const res = await h.post(path, sent, h.shop.publishable_key);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `body ${sent.slice(0, 300)}`).toBeLessThan(500);
      const json = await res.json();
      if (res.status >= 400)
        expect(json).toEqual({ error: expect.any(String), code: expect.stringMatching(/^[a-z]+\.[a-z_]+$/) });
      const stored = res.status === 200 && (json.accepted ?? 1) === 1 && !useRaw ? JSON.parse(body) : undefined;
      if (stored?.event_type === "purchase" && !expectedItems.has(String(stored.transaction_id))) {
        expectedItems.set(String(stored.transaction_id), stored.items?.length ?? 0);
      }
    }
    expect(statuses.get(400)).toBeGreaterThan(100);
    // Every accepted purchase is stored whole: with exactly the line items it was sent with.
    const stored = await h.rows<{ transaction_id: string; n: number }>(`SELECT e.transaction_id, count(i.item_id) AS n
      FROM events e LEFT JOIN event_items i ON i.appspace_seq = e.appspace_seq AND i.event_seq = e.seq
      WHERE e.event_type = 'purchase' GROUP BY e.appspace_seq, e.seq`);
    expect(new Map(stored.map((r) => [r.transaction_id, r.n]))).toEqual(expectedItems);
    expect(expectedItems.size).toBeGreaterThan(20);
  });
});
