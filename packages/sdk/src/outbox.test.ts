import { describe, expect, it } from "vitest";
import type { TallyEvent } from "./event.js";
import { createOutbox, LEASE, MAX_AGE, type Entry } from "./outbox.js";
import { idbStore, memoryStore } from "./store.js";

const entry = (id: string, type = "view_cart", at = 1000): Entry => ({
  id,
  at,
  event: { event_type: type, event_id: id } as TallyEvent,
});
const ids = (entries: Entry[]) => entries.map((e) => e.id);

describe("createOutbox", () => {
  it("hands out purchases and refunds first, then the oldest", async () => {
    const box = createOutbox(memoryStore(), () => 2000);
    await box.add(entry("a", "view_cart", 1));
    await box.add(entry("b", "add_to_cart", 2));
    await box.add(entry("c", "purchase", 4));
    await box.add(entry("d", "refund", 3));
    expect(ids((await box.take(10)).entries)).toEqual(["d", "c", "a", "b"]);
  });

  it("takes at most `max`, and says when the rest is due", async () => {
    const now = 5000;
    const box = createOutbox(memoryStore(), () => now);
    for (const id of ["a", "b", "c"]) await box.add(entry(id));
    const first = await box.take(2);
    expect(ids(first.entries)).toEqual(["a", "b"]);
    expect(first.next).toBe(Infinity); // "c" is due already
    const second = await box.take(2);
    expect(ids(second.entries)).toEqual(["c"]);
    expect(second.next).toBe(5000 + LEASE); // when the leases of a and b run out
  });

  it("leases what it hands out, so another tab does not send it at the same time", async () => {
    let now = 5000;
    const name = `outbox-lease-${Math.random()}`;
    const [tabA, tabB] = [createOutbox(idbStore(name), () => now), createOutbox(idbStore(name), () => now)];
    for (const id of ["a", "b", "c", "d"]) await tabA.add(entry(id));
    const [takenA, takenB] = await Promise.all([tabA.take(2), tabB.take(2)]);
    expect([...ids(takenA.entries), ...ids(takenB.entries)].sort()).toEqual(["a", "b", "c", "d"]);
    expect((await tabA.take(5)).entries).toEqual([]);
    now += LEASE + 1; // a tab that died while sending: its lease runs out
    expect(ids((await tabB.take(5)).entries)).toEqual(["a", "b", "c", "d"]);
  });

  it("removes entries only when settled as delivered, and backs off failed ones", async () => {
    let now = 0;
    const box = createOutbox(memoryStore(), () => now);
    for (const id of ["a", "b"]) await box.add(entry(id));
    await box.take(5);
    await box.settle(["a"], { wait: 10_000 });
    await box.settle(["b"], {});
    now = 5000;
    const { entries, next } = await box.take(5);
    expect(entries).toEqual([]);
    expect(next).toBe(10_000); // the backoff counts from the failure
    now = 10_000;
    expect((await box.take(5)).entries.map((e) => [e.id, e.tries])).toEqual([["a", 1]]);
  });

  it("gives a lease back without counting a try", async () => {
    const box = createOutbox(memoryStore(), () => 0);
    await box.add(entry("a"));
    await box.take(5);
    await box.settle(["a"], { wait: 0 });
    expect((await box.take(5)).entries.map((e) => [e.id, e.tries])).toEqual([["a", undefined]]);
  });

  it("drops entries older than 7 days and counts them as expired", async () => {
    let now = 0;
    const box = createOutbox(memoryStore(), () => now);
    await box.add(entry("old", "purchase", 0));
    await box.add(entry("older", "view_cart", -1));
    await box.add(entry("new", "view_cart", MAX_AGE - 10));
    now = MAX_AGE;
    const taken = await box.take(5);
    expect(ids(taken.entries)).toEqual(["new"]);
    expect(taken).toMatchObject({ dropped: 0, expired: 2 });
  });

  it("counts given-up entries as dropped, and takes reported counts off only when told", async () => {
    const box = createOutbox(memoryStore(), () => 0);
    for (const id of ["a", "b", "c"]) await box.add(entry(id));
    await box.take(5);
    await box.settle(["a", "b"], { dropped: 2 }); // a 4xx: given up
    let taken = await box.take(5);
    expect(taken).toMatchObject({ dropped: 2, expired: 0 });
    await box.settle(["c"], { dropped: 1, reported: { dropped: 2, expired: 0 } }); // delivered with the report; one event refused
    taken = await box.take(5);
    expect(taken).toMatchObject({ entries: [], dropped: 1, expired: 0 });
    // A report another tab made already cannot take the counts below zero.
    await box.settle([], { reported: { dropped: 5, expired: 5 } });
    expect(await box.take(5)).toMatchObject({ dropped: 0, expired: 0 });
  });

  it("clears every entry (consent withdrawn)", async () => {
    const box = createOutbox(memoryStore());
    await box.add(entry("a", "purchase", Date.now()));
    await box.clear();
    expect((await box.take(5)).entries).toEqual([]);
  });

  it("keeps a purchase with all its line items as one entry across a reload", async () => {
    const name = `outbox-reload-${Math.random()}`;
    const items = Array.from({ length: 300 }, (_, i) => ({ item_id: `sku-${i}`, price: 1, quantity: 2 }));
    const purchase = {
      ...entry("p", "purchase", Date.now()),
      event: { event_type: "purchase", event_id: "p", items } as TallyEvent,
    };
    await createOutbox(idbStore(name)).add(purchase);
    const [kept] = (await createOutbox(idbStore(name)).take(5)).entries;
    expect(kept!.event.items).toHaveLength(300);
  });
});
