import { createStore, update, type UseStore } from "idb-keyval";

/**
 * A value that can be read and changed atomically: every change is a read-modify-write in one
 * step, so two tabs (or two trackers) never both win a check-and-set.
 */
export interface Cell<T> {
  /** Applies `fn` to the current value and stores its answer; resolves with that answer. */
  update(fn: (value: T | undefined) => T): Promise<T>;
}

/** A cell in IndexedDB: idb-keyval's `update` runs get and put in one readwrite transaction. */
export function idbCell<T>(key: string, store: UseStore): Cell<T> {
  return {
    async update(fn) {
      let next: T;
      await update<T>(key, (value) => (next = fn(value)), store);
      return next!;
    },
  };
}

/** A cell in memory, for when IndexedDB is missing, blocked or full (private mode). */
export function memoryCell<T>(): Cell<T> {
  let value: T | undefined;
  return { update: async (fn) => (value = fn(value)) };
}

/**
 * A cell that tries IndexedDB and falls back to memory for good on the first failure, carrying
 * its last known value over so nothing already written is lost from this page.
 */
export function durableCell<T>(key: string, onFallback: (error: unknown) => void): Cell<T> {
  let cell: Cell<T> | undefined;
  let last: T | undefined;
  const memory = memoryCell<T>();
  try {
    cell = idbCell<T>(key, createStore("tally", "kv"));
  } catch (error) {
    onFallback(error);
  }
  return {
    async update(fn) {
      if (cell) {
        try {
          return (last = await cell.update(fn));
        } catch (error) {
          cell = undefined;
          onFallback(error);
          await memory.update(() => last as T);
        }
      }
      return (last = await memory.update(fn));
    },
  };
}
