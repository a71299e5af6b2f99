// The shop's pages. Each page loads Tally one of two ways — the collector's script tag, or the
// shop's own bundle built from the npm package (`/shop.js`, see ../spa/src/shop.ts) — and talks
// to it through the `hrq` queue. Product, cart and checkout pages track what the visitor sees;
// the thank-you page of a placed order tracks exactly what was bought. `/thanks?total=…&
// products=…` is the confirmation page of a shop that has only Hello Retail's conversion snippet.
import { CURRENCY, cartTotal, eventItems, findProduct, lineTotal, money, PRODUCTS } from "./catalogue.mjs";

export { PRODUCTS };

const json = (value) => JSON.stringify(value).replace(/</g, "\\u003c");
const attr = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

// Runs `then` once Tally has the event (its callback) or after a second, whichever is first,
// so the shop's own flow goes on even when the collector or the script is away.
const HELPERS = `
  function once(then) { var done = false; setTimeout(run, 1000); return run; function run() { if (!done) { done = true; then(); } } }
  function track(type, fields, then) { hrq.push(["track", type, fields, function () { window.tracked.push(type); if (then) then(); }]); }
  function addToCart(id, quantity) {
    var lines = (document.cookie.match(/(?:^|; )cart=([^;]*)/) || [])[1];
    lines = lines ? decodeURIComponent(lines).split(",") : [];
    lines.push(id + ":" + quantity);
    document.cookie = "cart=" + encodeURIComponent(lines.join(",")) + "; path=/; SameSite=Lax";
  }`;

function layout({ title, body, commands = [], tally }) {
  const loader =
    tally.mode === "npm"
      ? `<script>window.TALLY = ${json({ key: tally.key, endpoint: tally.collector })};</script>\n<script type="module" src="/shop.js"></script>`
      : `<script async src="${tally.collector}/tally.js" data-key="${tally.key}"></script>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title} · Demo shop</title></head>
<body>
<nav><a href="/">Shop</a> · <a href="/cart">Cart</a> · <a href="/about">About</a></nav>
<h1>${title}</h1>
${body}
<script>
  hrq = window.hrq || [];
  window.tracked = [];${HELPERS}
  ${commands.join("\n  ")}
</script>
${loader}
</body></html>`;
}

function linesTable(lines) {
  const rows = lines.map(
    (l) =>
      `<tr class="line" data-item="${l.item_id}"><td>${l.item_name}</td><td class="quantity">${l.quantity}</td><td>${money(l.price)}</td><td class="line-total">${money(lineTotal(l))}</td></tr>`,
  );
  return `<table id="lines"><tr><th>Item</th><th>Quantity</th><th>Price</th><th>Total</th></tr>
${rows.join("\n")}
<tr><td colspan="3">Total</td><td id="total">${money(cartTotal(lines))}</td></tr></table>`;
}

/**
 * The HTML of `path`, or undefined for a page the shop does not have. `cart` is the visitor's
 * cart (line items), `cartId` its id, `order` the placed order a thank-you page shows.
 */
export function page(path, query, tally, { cart = [], cartId, order } = {}) {
  if (path === "/") {
    const list = PRODUCTS.map(
      (p) => `<li><a href="/product/${p.item_id}">${p.item_name}</a> ${money(p.price)}</li>`,
    ).join("");
    return layout({ title: "Products", tally, body: `<ul>${list}</ul>` });
  }
  const product = path.startsWith("/product/") && findProduct(path.slice(9));
  if (product) {
    const add = `var q = Math.max(1, Math.min(99, parseInt(document.getElementById('quantity').value, 10) || 1));
      track('add_to_cart', { cart_id: ${attr(json(cartId))}, items: [Object.assign(${attr(json(product))}, { quantity: q })] }, once(function () { addToCart(${attr(json(product.item_id))}, q); location.href = '/cart'; }))`;
    return layout({
      title: product.item_name,
      tally,
      body: `<p id="price">${money(product.price)}</p>
<label>Quantity <input id="quantity" type="number" min="1" max="99" value="1"></label>
<button id="add" onclick="${add}">Add to cart</button>`,
      commands: [`track("view_item", ${json({ items: [{ ...product, quantity: 1 }] })});`],
    });
  }
  if (path === "/cart") {
    if (cart.length === 0)
      return layout({
        title: "Cart",
        tally,
        body: `<p id="empty">Your cart is empty. <a href="/">See the products</a></p>`,
      });
    return layout({
      title: "Cart",
      tally,
      body: `${linesTable(cart)}\n<p><a id="checkout" href="/checkout">Checkout</a></p>`,
      commands: [`track("view_cart", ${json({ cart_id: cartId, items: eventItems(cart) })});`],
    });
  }
  if (path === "/checkout") {
    if (cart.length === 0)
      return layout({
        title: "Checkout",
        tally,
        body: `<p id="empty">Your cart is empty. <a href="/">See the products</a></p>`,
      });
    const fields = { cart_id: cartId, revenue: cartTotal(cart), currency: CURRENCY, items: eventItems(cart) };
    const pay = `track('add_payment_info', ${attr(json(fields))}, once(function () { document.getElementById('order').submit(); }))`;
    return layout({
      title: "Checkout",
      tally,
      body: `${linesTable(cart)}
<form id="order" method="post" action="/orders"><button id="pay" type="button" onclick="${pay}">Pay ${money(cartTotal(cart))}</button></form>`,
      commands: [`track("begin_checkout", ${json(fields)});`],
    });
  }
  if (path === "/thanks" && order) {
    const purchase = {
      transaction_id: order.id,
      revenue: cartTotal(order.lines),
      currency: CURRENCY,
      cart_id: order.cartId,
      items: eventItems(order.lines),
    };
    return layout({
      title: "Thank you for your order",
      tally,
      body: `<p>Order <span id="order-id">${order.id}</span></p>\n${linesTable(order.lines)}`,
      commands: [`hrq.push(["purchase", ${json(purchase)}, function () { window.tracked.push("purchase"); }]);`],
    });
  }
  if (path === "/thanks") return helloRetailThanks(query, tally);
  if (path === "/about") return layout({ title: "About", tally, body: "<p>A demo shop.</p>" });
  return undefined;
}

/**
 * The confirmation page of a shop that has only Hello Retail's snippet: `trackConversion` with
 * the order's total and product numbers, as its documentation writes it. `bulk=N` makes an
 * order of N line items with long product numbers (a wholesale order).
 */
function helloRetailThanks(query, tally) {
  const bulk = Number(query.get("bulk") ?? 0);
  const products = bulk
    ? Array.from({ length: bulk }, (_, i) => `p-${String(i).padStart(4, "0")}-${"x".repeat(90)}`)
    : (query.get("products") ?? "").split(",").filter(Boolean);
  const conversion = {
    total: Number(query.get("total") ?? 0),
    orderNumber: query.get("order") ?? "demo-order",
    email: "customer@example.com",
    customerId: query.get("customer") ?? undefined,
    productNumbers: products,
  };
  return layout({
    title: "Thank you for your order",
    tally,
    body: `<p>Order ${conversion.orderNumber}</p>`,
    commands: [`hrq.push(["trackConversion", ${json(conversion)}, function () { window.tracked.push("purchase"); }]);`],
  });
}
