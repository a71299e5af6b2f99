/** An event as a cart sees it. */
export interface CartFact {
  event_type: string;
  cart_id: string | null;
  session_id: string | null;
}

/** What one event adds to its cart's day. */
export interface CartEffect {
  cart: string;
  added: number;
  removed: number;
  adds: number;
  purchases: number;
}

const CART_EVENTS = new Set(["add_to_cart", "remove_from_cart", "purchase"]);

/**
 * A cart is its `cart_id`, else its session; an event with neither belongs to no cart. What an
 * add_to_cart, remove_from_cart or purchase contributes (`sign` -1 takes it back, for a merge's
 * old version or an erase); `value` is Σ price × quantity of its items in base minor units.
 */
export function cartEffect(e: CartFact, value: number, sign: 1 | -1): CartEffect | undefined {
  const cart = e.cart_id ?? e.session_id;
  if (cart === null || !CART_EVENTS.has(e.event_type)) return undefined;
  return {
    cart,
    added: e.event_type === "add_to_cart" ? sign * value : 0,
    removed: e.event_type === "remove_from_cart" ? sign * value : 0,
    adds: e.event_type === "add_to_cart" ? sign : 0,
    purchases: e.event_type === "purchase" ? sign : 0,
  };
}

/** Σ line totals (base minor units) of a stored event's items. */
export const itemsValue = (items: ReadonlyArray<{ line_total_base: number | null }>) =>
  items.reduce((sum, i) => sum + (i.line_total_base ?? 0), 0);
