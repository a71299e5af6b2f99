/**
 * A map that forgets its least recently used entry past `max` entries.
 *
 * @example
 * const cache = lruCache<number>(2);
 * cache.set("a", 1);
 */
export function lruCache<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const hit = map.get(key);
      if (hit !== undefined) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: V): void {
      map.delete(key);
      if (map.size >= max) map.delete(map.keys().next().value!);
      map.set(key, value);
    },
    delete(key: string): void {
      map.delete(key);
    },
  };
}
