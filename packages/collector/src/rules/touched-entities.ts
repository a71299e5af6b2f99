/** Entities whose contribution to the read tables may have changed in the current projection. */
export interface Dirty {
  sessions: Set<string>;
  carts: Set<string>;
  visitors: Set<string>;
}

export const noneDirty = (): Dirty => ({ sessions: new Set(), carts: new Set(), visitors: new Set() });

/** What an event touches: its session (by id), its cart (its cart id, else its session) and its ids as visitors. */
export function markTouched(
  dirty: Dirty,
  e: { session_id: string | null; cart_id: string | null; user_id: string | null; anonymous_id: string | null },
): void {
  if (e.session_id !== null) dirty.sessions.add(e.session_id);
  const cart = e.cart_id ?? e.session_id;
  if (cart !== null) dirty.carts.add(cart);
  if (e.user_id !== null) dirty.visitors.add(e.user_id);
  if (e.anonymous_id !== null) dirty.visitors.add(e.anonymous_id);
}
