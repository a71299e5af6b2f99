import { afterEach, describe, expect, it, vi } from "vitest";
import { createDelivery } from "./delivery.js";
import type { TallyEvent } from "./event.js";
import { createOutbox, LEASE, type Entry } from "./outbox.js";
import { memoryStore } from "./store.js";
import type { Answer, Transport } from "./transport.js";

type Body = { events: { event_id: string; event_type: string }[]; sdk?: { dropped: number; expired: number } };

/** A transport that answers from a script (then 200) and records what it was given. */
function scripted(...answers: (Partial<Answer> | Error)[]) {
  const sent: Body[] = [];
  const beacons: Body[] = [];
  const transport: Transport = {
    async send(body) {
      sent.push(JSON.parse(body));
      const next = answers.shift() ?? { status: 200 };
      if (next instanceof Error) throw next;
      return { status: 200, ...next } as Answer;
    },
    beacon: (body) => (beacons.push(JSON.parse(body)), true),
  };
  return { transport, sent, beacons };
}

const entry = (id: string, type = "view_cart", at = 0): Entry => ({
  id,
  at,
  event: { event_type: type, event_id: id } as TallyEvent,
});

function setup(t: ReturnType<typeof scripted>, now = { ms: 0 }) {
  const outbox = createOutbox(memoryStore(), () => now.ms);
  const errors: unknown[] = [];
  const delivery = createDelivery({
    outbox,
    transport: t.transport,
    clock: () => now.ms,
    report: (e) => errors.push(e),
    trace() {},
  });
  return { outbox, delivery, errors, now };
}

afterEach(() => void vi.useRealTimers());

describe("createDelivery", () => {
  it("sends what is due and removes it after a 2xx", async () => {
    const t = scripted();
    const { outbox, delivery } = setup(t);
    await outbox.add(entry("a"));
    await outbox.add(entry("b", "purchase"));
    await delivery.flush();
    expect(t.sent.map((b) => b.events.map((e) => e.event_id))).toEqual([["b", "a"]]);
    expect((await outbox.take(9)).entries).toEqual([]);
    expect(delivery.pending.size).toBe(0);
  });

  it("counts the events a 2xx answer skipped as dropped, reports them with the next batch, and resets after a 2xx", async () => {
    const t = scripted({ status: 200, errors: ["events[0]: revenue is required for purchase events"] });
    const { outbox, delivery, errors } = setup(t);
    await outbox.add(entry("a", "purchase"));
    await delivery.flush();
    expect(String(errors[0])).toMatch(/sdk.refused: 200, 1 events: .*revenue is required/);
    await outbox.add(entry("b"));
    await delivery.flush();
    expect(t.sent[1]!.sdk).toEqual({ dropped: 1, expired: 0 });
    await outbox.add(entry("c"));
    await delivery.flush();
    expect(t.sent[2]!.sdk).toBeUndefined();
  });

  it("drops a batch a 4xx refuses for good, counts it, and keeps the count until a 2xx", async () => {
    const t = scripted({ status: 400, text: '{"error":"Maximum 100 events per batch"}' }, { status: 503 });
    const now = { ms: 0 };
    const { outbox, delivery, errors } = setup(t, now);
    await outbox.add(entry("a"));
    await outbox.add(entry("b"));
    await delivery.flush();
    expect(String(errors[0])).toMatch(/sdk.refused: 400, 2 events: .*Maximum 100/);
    expect((await outbox.take(9)).entries).toEqual([]);
    await outbox.add(entry("c"));
    await delivery.flush(); // 503: the count stays
    now.ms += 10 * 60e3;
    await delivery.flush(); // 200: reported
    expect(t.sent.slice(1).map((b) => b.sdk)).toEqual([
      { dropped: 2, expired: 0 },
      { dropped: 2, expired: 0 },
    ]);
    expect((await outbox.take(9)).dropped).toBe(0);
  });

  it.each([408, 429, 500, 503])("keeps the batch on a %i and tries again after a backoff", async (status) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const t = scripted({ status });
    const now = { ms: 0 };
    const { outbox, delivery } = setup(t, now);
    await outbox.add(entry("a"));
    await delivery.flush();
    expect(t.sent).toHaveLength(1);
    now.ms = 1000; // the first backoff is 0.5–1 s
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sent.map((b) => b.events[0]!.event_id)).toEqual(["a", "a"]);
    expect((await outbox.take(9)).entries).toEqual([]);
  });

  it("keeps the batch when the network fails, and backs off longer each time", async () => {
    const t = scripted(
      new TypeError("Failed to fetch"),
      new TypeError("Failed to fetch"),
      new TypeError("Failed to fetch"),
    );
    const now = { ms: 0 };
    const { outbox, delivery, errors } = setup(t, now);
    await outbox.add(entry("a"));
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await delivery.flush();
      const { next } = await outbox.take(9);
      waits.push(next - now.ms);
      now.ms = next;
    }
    expect(errors).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[2]).toBeGreaterThanOrEqual(2000);
    await delivery.flush();
    expect(t.sent).toHaveLength(4);
  });

  it("waits as long as Retry-After asks", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const t = scripted({ status: 429, retryAfter: "30" });
    const now = { ms: 0 };
    const { outbox, delivery } = setup(t, now);
    await outbox.add(entry("a"));
    await delivery.flush();
    now.ms = 29_000;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(t.sent).toHaveLength(1);
    now.ms = 30_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sent).toHaveLength(2);
  });

  it("reports and drops expired entries with the next batch", async () => {
    const t = scripted();
    const now = { ms: 8 * 864e5 };
    const { outbox, delivery } = setup(t, now);
    await outbox.add(entry("stale", "purchase", 0));
    await outbox.add(entry("fresh", "view_cart", now.ms));
    await delivery.flush();
    expect(t.sent).toEqual([
      { events: [expect.objectContaining({ event_id: "fresh" })], sdk: { dropped: 0, expired: 1 } },
    ]);
  });

  it("sends more than 100 events as several batches", async () => {
    const t = scripted();
    const { outbox, delivery } = setup(t);
    for (let i = 0; i < 230; i++) await outbox.add(entry(`e${i}`, "view_cart", i));
    await delivery.flush();
    expect(t.sent.map((b) => b.events.length)).toEqual([100, 100, 30]);
  });

  it("runs one flush at a time, and a flush asked for meanwhile sees what was added", async () => {
    let release!: () => void;
    const t = scripted();
    const send = t.transport.send;
    let calls = 0;
    t.transport.send = async (body) => (calls++ === 0 && (await new Promise<void>((r) => (release = r))), send(body));
    const { outbox, delivery } = setup(t);
    await outbox.add(entry("a"));
    const first = delivery.flush();
    await vi.waitFor(() => expect(release).toBeDefined());
    await outbox.add(entry("b"));
    const second = delivery.flush();
    release();
    await Promise.all([first, second]);
    expect(t.sent.map((b) => b.events.map((e) => e.event_id))).toEqual([["a"], ["b"]]);
  });

  it("on unload beacons what the page holds, orders first, and keeps it in the outbox", async () => {
    const t = scripted();
    t.transport.send = () => new Promise(() => {}); // the page goes before any answer
    const { outbox, delivery } = setup(t);
    for (const e of [entry("a", "view_cart", 1), entry("b", "purchase", 2)]) {
      await outbox.add(e);
      delivery.pending.set(e.id, e);
    }
    delivery.unload();
    expect(t.beacons.map((b) => b.events.map((e) => e.event_id))).toEqual([["b", "a"]]);
    expect(delivery.pending.size).toBe(0);
    delivery.unload(); // pagehide after visibilitychange: nothing twice
    expect(t.beacons).toHaveLength(1);
    expect((await outbox.take(9)).entries.map((e) => e.id)).toEqual(["b", "a"]);
  });

  it("sends what no beacon takes by plain fetch, and leaves it to the next page once the short lease is over", async () => {
    const t = scripted();
    t.transport.send = () => new Promise(() => {}); // the page goes before any answer
    t.transport.beacon = () => false; // and no beacon takes it (the page's keepalive quota is spent)
    const now = { ms: 0 };
    const { outbox, delivery } = setup(t, now);
    await outbox.add(entry("big", "purchase"));
    void delivery.flush();
    await vi.waitFor(() => expect(delivery.pending.size).toBe(1));
    const plain: string[] = [];
    t.transport.send = (body, isPlain) => (isPlain && plain.push(body), new Promise(() => {}));
    delivery.unload();
    // No beacon took it: it went by a plain fetch, which no keepalive quota binds.
    expect(plain.map((b) => JSON.parse(b).events.map((e: { event_id: string }) => e.event_id))).toEqual([["big"]]);
    // The next page: the entry is still leased, for at most LEASE.
    expect((await outbox.take(9)).entries).toEqual([]);
    now.ms = LEASE;
    expect((await outbox.take(9)).entries.map((e) => e.id)).toEqual(["big"]);
  });
});
