const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, "0");

/** 32 hex digits laid out as a UUID of version `v` (variant bits `10`). */
const uuid = (h: string, v: number) => h.replace(/(.{8})(.{4}).(.{3}).(.{3})(.{12}).*/, `$1-$2-${v}$3-8$4-$5`);

/**
 * A random UUID v4. `crypto.getRandomValues` works on plain http too, where `randomUUID` does not.
 *
 * @example
 * randomId(); // "3b241101-e2bb-4255-8caf-4136c566a962"
 */
export const randomId = (): string => uuid([...crypto.getRandomValues(new Uint32Array(4))].map(hex8).join(""), 4);

/**
 * The UUID of a name (version 8, RFC 9562's layout for ids of one's own making): four 32-bit
 * lanes with different seeds, each mixing every character with MurmurHash2's multiplier and a
 * xorshift. The same key and order id give the same event id in every browser, on every visit
 * and on plain http, so the collector drops a repeated purchase even when the browser's storage
 * is gone.
 *
 * Not cryptographic: it only has to be stable and spread well. It is synchronous on purpose:
 * the once-per-order claim and the outbox entry are written in one IndexedDB transaction started
 * in the very task of the push (an async digest would leave a page that goes at once a gap).
 *
 * @example
 * derivedId("pk_live_1:purchase:order-1"); // the same UUID every time
 */
export function derivedId(name: string): string {
  let h = "";
  for (let lane = 1; lane < 5; lane++) {
    let x = lane;
    // One round past the end (charCodeAt answers NaN, which ^ reads as 0) mixes the last character in.
    for (let i = 0; i <= name.length; i++) x = Math.imul(x ^ name.charCodeAt(i) ^ (x >>> 15), 0x5bd1e995);
    h += hex8(x ^ (x >>> 13));
  }
  return uuid(h, 8);
}
