// A single-page shop: products → cart → checkout → thank you, one document, hash routes. Every
// event carries the cart's real items, quantities and prices; the purchase is what was bought.
import { createTracker } from "@tally/sdk";

interface Line {
  item_id: string;
  item_name: string;
  price: number;
  quantity: number;
}

const PRODUCTS = [
  { item_id: "sku-tee", item_name: "T-Shirt", price: 24.99 },
  { item_id: "sku-hoodie", item_name: "Hoodie", price: 49.5 },
  { item_id: "sku-cap", item_name: "Cap", price: 12 },
];
const money = (amount: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount);
// In cents, so 3 × 24.99 is 74.97.
const total = (lines: Line[]) => lines.reduce((sum, l) => sum + Math.round(l.price * 100) * l.quantity, 0) / 100;

const config = (window as unknown as { TALLY: { key: string; endpoint: string } }).TALLY;
const tally = createTracker({ key: config.key, endpoint: config.endpoint, onError: (e) => console.warn("[tally]", e) });
let cartId = `cart-${Date.now()}`;
let cart: Line[] = [];
const app = document.getElementById("app")!;

const table = (lines: Line[]) =>
  `<table>${lines.map((l) => `<tr><td>${l.item_name}</td><td>${l.quantity}</td><td>${money(l.price)}</td><td>${money(total([l]))}</td></tr>`).join("")}
  <tr><td colspan="3">Total</td><td>${money(total(lines))}</td></tr></table>`;

const routes: Record<string, () => string> = {
  "": () => {
    void tally.track("view_item", { items: PRODUCTS.map((p) => ({ ...p, quantity: 1 })) });
    return `<h1>Products</h1><ul>${PRODUCTS.map((p) => `<li>${p.item_name} ${money(p.price)} <button data-add="${p.item_id}">Add to cart</button></li>`).join("")}</ul>
      <button data-go="cart">Cart (${cart.reduce((n, l) => n + l.quantity, 0)})</button>`;
  },
  cart: () => {
    if (cart.length === 0) return `<h1>Cart</h1><p>Your cart is empty.</p><button data-go="">Products</button>`;
    void tally.track("view_cart", { cart_id: cartId, items: cart });
    return `<h1>Cart</h1>${table(cart)}<button data-go="checkout">Checkout</button>`;
  },
  checkout: () => {
    void tally.track("begin_checkout", { cart_id: cartId, revenue: total(cart), currency: "USD", items: cart });
    return `<h1>Checkout</h1>${table(cart)}<button data-go="thanks" data-pay>Pay ${money(total(cart))}</button>`;
  },
  thanks: () => {
    if (cart.length === 0) return `<h1>Thank you</h1>`;
    const order = `spa-${Date.now()}`;
    const bought = cart;
    void tally.purchase({
      transaction_id: order,
      revenue: total(bought),
      currency: "USD",
      cart_id: cartId,
      items: bought,
    });
    cart = [];
    cartId = `cart-${Date.now()}`;
    return `<h1>Thank you</h1><p>Order ${order}</p>${table(bought)}`;
  },
};

function render() {
  void tally.page();
  app.innerHTML = (routes[location.hash.slice(1)] ?? routes[""]!)();
}

app.addEventListener("click", (event) => {
  const button = (event.target as HTMLElement).closest("button");
  if (!button) return;
  const added = PRODUCTS.find((p) => p.item_id === button.dataset.add);
  if (added) {
    const line = cart.find((l) => l.item_id === added.item_id);
    if (line) line.quantity += 1;
    else cart.push({ ...added, quantity: 1 });
    void tally.track("add_to_cart", { cart_id: cartId, items: [{ ...added, quantity: 1 }] });
    render();
    return;
  }
  if (button.hasAttribute("data-pay")) void tally.track("add_payment_info", { cart_id: cartId });
  location.hash = button.dataset.go!;
});
addEventListener("hashchange", render);
render();
