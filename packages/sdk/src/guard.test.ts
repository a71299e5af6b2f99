import { describe, expect, it } from "vitest";
import type { TallyEvent } from "./event.js";
import { claim } from "./guard.js";
import { createOutbox, type Entry } from "./outbox.js";
import { idbStore, memoryStore } from "./store.js";

const purchase = (id: string): Entry => ({
  id,
  at: Date.now(),
  event: { event_type: "purchase", event_id: id } as TallyEvent,
});
let n = 0;

describe("claim", () => {
  it("lets an order through once", () => {
    const orders = {};
    expect(claim(orders, "pk:purchase:o-1", 1)).toBe(true);
    expect(claim(orders, "pk:purchase:o-1", 2)).toBe(false);
    expect(claim(orders, "pk:purchase:o-2", 3)).toBe(true);
    expect(claim(orders, "pk:refund:o-1", 4)).toBe(true);
    expect(orders).toEqual({ "pk:purchase:o-1": 1, "pk:purchase:o-2": 3, "pk:refund:o-1": 4 });
  });
});

describe("the outbox's once-per-order add", () => {
  it("queues an order's event once, and answers whether it did", async () => {
    const box = createOutbox(memoryStore());
    expect(await box.add(purchase("a"), "pk:purchase:o-1")).toBe(true);
    expect(await box.add(purchase("b"), "pk:purchase:o-1")).toBe(false);
    expect(await box.add(purchase("c"))).toBe(true); // not an order
    expect((await box.take(9)).entries.map((e) => e.id).sort()).toEqual(["a", "c"]);
  });

  it("remembers orders in IndexedDB across page loads, after the event was delivered", async () => {
    const name = `guard-${++n}`;
    const first = createOutbox(idbStore(name));
    await first.add(purchase("a"), "pk:purchase:o-1");
    await first.settle(["a"], {}); // delivered
    expect(await createOutbox(idbStore(name)).add(purchase("a"), "pk:purchase:o-1")).toBe(false);
  });

  it("forgets no order when the outbox is cleared (consent withdrawn)", async () => {
    const box = createOutbox(memoryStore());
    await box.add(purchase("a"), "pk:purchase:o-1");
    await box.clear();
    expect(await box.add(purchase("a"), "pk:purchase:o-1")).toBe(false);
  });

  it("gives exactly one winner when tabs race on the same order in IndexedDB, and queues it once", async () => {
    const name = `guard-${++n}`;
    const tabs = Array.from({ length: 6 }, () => createOutbox(idbStore(name)));
    const wins = await Promise.all(
      tabs.flatMap((tab, i) => [
        tab.add(purchase(`t${i}a`), "pk:purchase:race"),
        tab.add(purchase(`t${i}b`), "pk:purchase:race"),
      ]),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await tabs[0]!.take(99)).entries).toHaveLength(1);
  });
});
