import { describe, expect, it } from "vitest";
import { createOutbox, MAX_AGE, type Box, type Entry } from "./outbox.js";
import { idbCell, memoryCell } from "./store.js";
import { createStore } from "idb-keyval";

const entry = (id: string, type = "view_cart", at = 1000): Entry => ({ id, at, event: { event_type: type, event_id: id } });

describe("outbox", () => {
  it("hands out purchases and refunds first, then the oldest", async () => {
    const box = createOutbox(memoryCell<Box>(), () => 2000);
    await box.add(entry("a", "view_cart", 1));
    await box.add(entry("b", "add_to_cart", 2));
    await box.add(entry("c", "purchase", 3));
    await box.add(entry("d", "refund", 4));
    expect((await box.take(10)).entries.map((e) => e.id)).toEqual(["c", "d", "a", "b"]);
  });

  it("leases what it hands out, so a second taker (another tab) gets other entries", async () => {
    let now = 5000;
    const box = createOutbox(memoryCell<Box>(), () => now);
    for (const id of ["a", "b", "c"]) await box.add(entry(id));
    expect((await box.take(2)).entries.map((e) => e.id)).toEqual(["a", "b"]);
    expect((await box.take(2)).entries.map((e) => e.id)).toEqual(["c"]);
    expect((await box.take(2)).entries).toEqual([]);
    now += 31_000; // a lease that was never settled expires
    expect((await box.take(5)).entries.map((e) => e.id)).toEqual(["a", "b", "c"]);
  });

  it("removes entries only when delivered, and backs off failed ones", async () => {
    let now = 0;
    const box = createOutbox(memoryCell<Box>(), () => now);
    await box.add(entry("a"));
    await box.add(entry("b"));
    const { entries } = await box.take(5);
    await box.failed(["a"], 10_000);
    await box.done(["b"], { dropped: 0, expired: 0 });
    now = 31_000;
    expect((await box.take(5)).entries.map((e) => [e.id, e.tries])).toEqual([["a", 1]]);
    expect(entries).toHaveLength(2);
  });

  it("drops and counts entries older than 7 days, and resets counts once reported", async () => {
    let now = 0;
    const box = createOutbox(memoryCell<Box>(), () => now);
    await box.add(entry("old", "view_cart", 0));
    await box.add(entry("new", "view_cart", MAX_AGE));
    now = MAX_AGE + 1;
    const taken = await box.take(5);
    expect(taken.entries.map((e) => e.id)).toEqual(["new"]);
    expect([taken.dropped, taken.expired]).toEqual([0, 1]);
    await box.failed(["new"], 0, true); // a 4xx: given up and counted
    const again = await box.take(5);
    expect([again.dropped, again.expired]).toEqual([1, 1]);
    await box.done([], { dropped: 1, expired: 1 });
    expect(await box.take(5)).toEqual({ entries: [], dropped: 0, expired: 0 });
  });

  it("keeps entries in IndexedDB across trackers (a reload)", async () => {
    const store = createStore("outbox-test", "kv");
    await createOutbox(idbCell<Box>("outbox", store)).add(entry("kept", "purchase", Date.now()));
    const reloaded = createOutbox(idbCell<Box>("outbox", store));
    expect((await reloaded.take(5)).entries.map((e) => e.id)).toEqual(["kept"]);
  });
});
