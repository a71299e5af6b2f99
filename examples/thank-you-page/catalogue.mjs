// What the demo shop sells, and the arithmetic of a cart: prices in cents inside, so a cart of
// 3 × 24.99 is 74.97 and never 74.97000000000001.

export const CURRENCY = "USD";

export const PRODUCTS = [
  { item_id: "sku-tee", item_name: "T-Shirt", price: 24.99 },
  { item_id: "sku-hoodie", item_name: "Hoodie", price: 49.5 },
  { item_id: "sku-cap", item_name: "Cap", price: 12 },
];

const format = new Intl.NumberFormat("en-US", { style: "currency", currency: CURRENCY });

/** `49.5` → `"$49.50"`. */
export const money = (amount) => format.format(amount);

export const findProduct = (id) => PRODUCTS.find((p) => p.item_id === id);

/**
 * The cart cookie's text (`sku-tee:2,sku-cap:1`) as line items with names, prices and
 * quantities; unknown products and bad quantities are left out.
 */
export function parseCart(text = "") {
  const lines = new Map();
  for (const part of text.split(",")) {
    const [id, count] = part.split(":");
    const product = findProduct(id);
    const quantity = Number(count);
    if (product && Number.isInteger(quantity) && quantity > 0 && quantity <= 99) {
      lines.set(id, { ...product, quantity: (lines.get(id)?.quantity ?? 0) + quantity });
    }
  }
  return [...lines.values()];
}

const cents = (amount) => Math.round(amount * 100);

/** price × quantity, in currency units. */
export const lineTotal = (line) => (cents(line.price) * line.quantity) / 100;

/** Σ line totals, in currency units. */
export const cartTotal = (lines) => lines.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0) / 100;

/** The items as Tally's events carry them. */
export const eventItems = (lines) =>
  lines.map(({ item_id, item_name, price, quantity }) => ({ item_id, item_name, price, quantity }));
