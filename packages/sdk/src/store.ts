/**
 * Keyed values changed by read-modify-write steps that nothing can interleave with: two tabs or
 * two trackers never both see the old value. The outbox and the once-per-order guard live in one.
 *
 * @example
 * const outbox = createOutbox(idbStore("my-shop-tally"));
 */
export interface Store {
  /** Applies `change` to the value of `key`, stores its answer and resolves with it. */
  update<T>(key: string, change: (value: T | undefined) => T): Promise<T>;
}

/**
 * A store in memory: for tests, and what {@link idbStore} falls back to.
 *
 * @example
 * const store = memoryStore();
 * await store.update<number>("visits", (n = 0) => n + 1); // 1
 */
export function memoryStore(values = new Map<string, unknown>()): Store {
  return {
    update: async <T>(key: string, change: (value: T | undefined) => T) => {
      const value = change(values.get(key) as T | undefined);
      values.set(key, value);
      return value;
    },
  };
}

/** Resolves with a request's result (or a transaction's completion), rejects with its error. */
const settled = <T>(request: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((resolve, reject) => {
    (request as IDBRequest).onsuccess = (request as IDBTransaction).oncomplete = () =>
      resolve((request as IDBRequest<T>).result);
    request.onerror = (request as IDBTransaction).onabort = () => reject(request.error);
  });

/**
 * A store in IndexedDB: database `name`, object store `kv` (the layout of idb-keyval's
 * `createStore`, which the SDK used before; written out here because the script bundle needs
 * only these few lines of it). Each change is one readwrite transaction doing get and put,
 * which IndexedDB runs one at a time across tabs. When IndexedDB is missing, blocked, throwing
 * or full (private modes, quota), it reports once and goes on in memory for this page, from the
 * last values it saw, so nothing the page already wrote is lost.
 *
 * @example
 * const store = idbStore("tally", (error) => console.warn("memory only:", error));
 * await store.update<string[]>("seen", (ids = []) => [...ids, "a"]);
 */
export function idbStore(name = "tally", onFallback: (error: unknown) => void = () => {}): Store {
  /** The last value of each key this page saw: where memory takes over from. */
  const seen = new Map<string, unknown>();
  let db: Promise<IDBDatabase> | undefined | false;
  return {
    async update<T>(key: string, change: (value: T | undefined) => T) {
      let value!: T;
      if (db !== false) {
        try {
          if (!db) {
            const open = indexedDB.open(name);
            open.onupgradeneeded = () => open.result.createObjectStore("kv");
            db = settled(open);
          }
          const transaction = (await db).transaction("kv", "readwrite");
          const store = transaction.objectStore("kv");
          // The put is made in the get's success event, while the transaction is surely active.
          const read = store.get(key);
          read.onsuccess = () => store.put((value = change(read.result)), key);
          await settled(transaction);
        } catch (error) {
          db = false;
          onFallback(error);
        }
      }
      if (db === false) value = change(seen.get(key) as T | undefined);
      seen.set(key, value);
      return value;
    },
  };
}
