import { describe, expect, it } from "vitest";
import { eventSchema } from "./event.schema.js";
import { fastParseEvent } from "./fast-validate.js";
import { LIMITS } from "./limits.js";

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const base = () => ({
  event_type: "purchase",
  event_id: "e1",
  timestamp: "2026-03-01T10:00:00Z",
  transaction_id: 42,
  revenue: 49.99,
  currency: "USD",
  user_id: "u",
  anonymous_id: "a",
  session_id: "s",
  cart_id: "c",
  email: "x@example.com",
  coupon_code: "SAVE",
  discount: 1,
  shipping: 2,
  tax: 3,
  items: [{ item_id: "sku", item_name: "T", price: 10, quantity: 2, currency: "EUR", discount: 0, item_list_id: "l" }],
  properties: { campaign: "spring", n: 3, ok: true },
  context: {
    page_url: "https://shop.example/",
    device_type: "mobile",
    country: "de",
    locale: "de-DE",
    platform: "web",
  },
});

// Values that break one rule or another of the schema, or sit right on a limit.
const ODD: unknown[] = [
  null,
  undefined,
  "",
  "x",
  "USD",
  "usd",
  -1,
  0,
  1.5,
  1e12,
  1e13,
  1e13 + 2,
  1e6,
  1e6 + 1,
  1e9,
  Number.MAX_SAFE_INTEGER,
  2 ** 60,
  true,
  false,
  [],
  [{}],
  {},
  { item_id: "a" },
  { item_id: "" },
  { item_id: 7, extra: 1 },
  "a".repeat(LIMITS.id),
  "a".repeat(LIMITS.id + 1),
  "b".repeat(LIMITS.text + 1),
  "c".repeat(LIMITS.long + 1),
  "2026-02-31T00:00:00Z",
  "2026-02-01",
  "2026-02-01 10:00:00",
  "tomorrow",
  { a: { b: 1 } },
  "mobile",
  "phone",
  Object.fromEntries(Array.from({ length: LIMITS.properties + 1 }, (_, i) => [`k${i}`, i])),
  { ["k".repeat(101)]: "v" },
  { constructor: 1 },
];

/** Sets `path` in a copy of `event` to `value` (or deletes it for undefined). */
function mutate(event: Record<string, unknown>, path: string[], value: unknown) {
  const copy = structuredClone(event);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== "object" || target[key] === null) return copy;
    target = target[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

const PATHS = [
  ...Object.keys(base())
    .filter((k) => k !== "event_type")
    .map((k) => [k]),
  ...Object.keys(base().items[0]!).map((k) => ["items", "0", k]),
  ["items", "0", "unknown"],
  ["items", "1"],
  ["unknown"],
  ...Object.keys(base().context).map((k) => ["context", k]),
  ["context", "unknown"],
  ["properties", "campaign"],
  ["properties", "deep"],
];

describe("the hand-written event check", () => {
  it("accepts exactly what the schema accepts, and parses it the same way", () => {
    const rand = random(7);
    let agreedValid = 0;
    for (let round = 0; round < 4000; round++) {
      let event: Record<string, unknown> = base();
      const changes = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < changes; c++)
        event = mutate(event, PATHS[Math.floor(rand() * PATHS.length)]!, ODD[Math.floor(rand() * ODD.length)]);
      const schema = eventSchema.safeParse(event);
      const fast = fastParseEvent(event, "purchase");
      if (!schema.success) expect(fast, JSON.stringify(event)).toBeUndefined();
      else if (fast !== undefined) {
        expect(fast).toEqual(schema.data);
        agreedValid++;
      }
    }
    expect(agreedValid).toBeGreaterThan(500);
  });

  it("takes the common event without the schema", () => {
    const event = base();
    expect(fastParseEvent(event, "purchase")).toEqual(eventSchema.parse(event));
  });
});
