import { createStore, set } from "idb-keyval";
import { describe, expect, it } from "vitest";
import { idbStore, memoryStore } from "./store.js";

let n = 0;
const fresh = () => `store-test-${++n}`;

describe("memoryStore", () => {
  it("applies changes in order", async () => {
    const store = memoryStore();
    await Promise.all(Array.from({ length: 10 }, () => store.update<number>("n", (v = 0) => v + 1)));
    expect(await store.update<number>("n", (v) => v!)).toBe(10);
  });
});

describe("idbStore", () => {
  it("keeps values in IndexedDB, where another store (a reload, a tab) finds them", async () => {
    const name = fresh();
    await idbStore(name).update("k", () => ({ a: 1 }));
    expect(await idbStore(name).update<{ a: number }>("k", (v) => v!)).toEqual({ a: 1 });
  });

  it("never lets two stores on one database interleave a read-modify-write", async () => {
    const name = fresh();
    const [a, b] = [idbStore(name), idbStore(name)];
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).update<number>("n", (v = 0) => v + 1)));
    expect(await a.update<number>("n", (v) => v!)).toBe(40);
  });

  it("falls back to memory once when IndexedDB throws, from the last values it saw", async () => {
    const errors: unknown[] = [];
    const store = idbStore(fresh(), (e) => errors.push(e));
    await store.update<string[]>("list", () => ["before"]);
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "indexedDB")!;
    Object.defineProperty(globalThis, "indexedDB", {
      configurable: true,
      get: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    try {
      // A new store opens the database on first use: that throws.
      const blocked = idbStore(fresh(), (e) => errors.push(e));
      expect(await blocked.update<number>("n", (v = 0) => v + 1)).toBe(1);
      expect(await blocked.update<number>("n", (v = 0) => v + 1)).toBe(2);
      expect(errors).toHaveLength(1);
    } finally {
      Object.defineProperty(globalThis, "indexedDB", descriptor);
    }
    expect(await store.update<string[]>("list", (v = []) => [...v, "after"])).toEqual(["before", "after"]);
  });

  it("falls back to memory when a write fails (quota), keeping what the change made", async () => {
    const errors: unknown[] = [];
    const name = fresh();
    const store = idbStore(name, (e) => errors.push(e));
    await store.update<string[]>("list", () => ["a"]);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    try {
      expect(await store.update<string[]>("list", (v = []) => [...v, "b"])).toEqual(["a", "b"]);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(errors).toHaveLength(1); // the transaction aborted
    expect(await store.update<string[]>("list", (v = []) => [...v, "c"])).toEqual(["a", "b", "c"]);
  });

  it("uses its own database, apart from idb-keyval's default store", async () => {
    const name = fresh();
    await set("k", "default store");
    await idbStore(name).update("k", () => "tally");
    await set("other", 1, createStore(name, "kv"));
    expect(await idbStore(name).update<string>("k", (v) => v!)).toBe("tally");
  });
});
