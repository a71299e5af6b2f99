// A single-page shop: product → cart → checkout → thank you, one document, hash routes.
import { createTracker } from "@tally/sdk";

const config = (window as unknown as { TALLY: { key: string; endpoint: string } }).TALLY;
const tally = createTracker({ key: config.key, endpoint: config.endpoint, onError: (e) => console.warn("[tally]", e) });
const product = { item_id: "sku-tee", item_name: "T-Shirt", price: 24.99, quantity: 1 };
const cartId = `cart-${Date.now()}`;
const app = document.getElementById("app")!;

const routes: Record<string, () => string> = {
  "": () => {
    void tally.track("view_item", { items: [product] });
    return `<h1>T-Shirt</h1><button data-go="cart" data-add>Add to cart</button>`;
  },
  cart: () => {
    void tally.track("view_cart", { cart_id: cartId });
    return `<h1>Cart</h1><button data-go="checkout">Checkout</button>`;
  },
  checkout: () => {
    void tally.track("begin_checkout", { cart_id: cartId });
    return `<h1>Checkout</h1><button data-go="thanks" data-pay>Pay</button>`;
  },
  thanks: () => {
    const order = `spa-${Date.now()}`;
    void tally.purchase({ transaction_id: order, revenue: 24.99, currency: "USD", cart_id: cartId, items: [product] });
    return `<h1>Thank you</h1><p>Order ${order}</p>`;
  },
};

function render() {
  void tally.page();
  app.innerHTML = (routes[location.hash.slice(1)] ?? routes[""]!)();
}

app.addEventListener("click", (event) => {
  const button = (event.target as HTMLElement).closest("button");
  if (!button) return;
  if (button.hasAttribute("data-add")) void tally.track("add_to_cart", { cart_id: cartId, items: [product] });
  if (button.hasAttribute("data-pay")) void tally.track("add_payment_info", { cart_id: cartId });
  location.hash = button.dataset.go!;
});
addEventListener("hashchange", render);
render();
