/**
 * The once-per-order guard: the orders this browser tracked (`<key>:<type>:<order id>` → when).
 * It lives in the outbox's own value, so that claiming an order and queueing its event are one
 * IndexedDB transaction: two tabs racing on an order get one winner, and a page that goes right
 * after the push leaves either both (the order claimed and queued) or neither, never a claimed
 * order with nothing queued.
 *
 * @example
 * const orders: Orders = { "pk_live_1:purchase:110-2347": 1768473000000 };
 */
export type Orders = Record<string, number>;

/**
 * Claims `order`: true the first time, false for every repeat (a reload, the back button, a
 * bfcache return, a second tab, a visit a month later).
 *
 * @example
 * if (claim(box.orders, "pk_live_1:purchase:110-2347", Date.now())) box.entries[id] = entry;
 */
export const claim = (orders: Orders, order: string, now: number): boolean => !orders[order] && !!(orders[order] = now);
