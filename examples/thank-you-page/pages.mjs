// The shop's pages. Each page runs Hello Retail's queue snippet (`hrq.push([...])`) and loads
// Tally one of two ways: the collector's script tag, or the shop's own bundle built from the npm
// package (`/shop.js`, see ../spa/src/shop.ts).

export const PRODUCTS = [
  { item_id: "sku-tee", item_name: "T-Shirt", price: 24.99 },
  { item_id: "sku-hoodie", item_name: "Hoodie", price: 49.5 },
  { item_id: "sku-cap", item_name: "Cap", price: 12 },
];

const json = (value) => JSON.stringify(value).replace(/</g, "\\u003c");

function layout({ title, body, commands, tally }) {
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
  window.tracked = [];
  ${commands.map((c) => `hrq.push(${c});`).join("\n  ")}
</script>
${loader}
</body></html>`;
}

const track = (type, fields) => `["track", ${json(type)}, ${json(fields)}, function () { window.tracked.push(${json(type)}); }]`;

export function page(path, query, tally) {
  if (path === "/") {
    return layout({
      title: "Products",
      tally,
      body: `<ul>${PRODUCTS.map((p) => `<li><a href="/product/${p.item_id}">${p.item_name}</a> ${p.price}</li>`).join("")}</ul>`,
      commands: [],
    });
  }
  const product = path.startsWith("/product/") && PRODUCTS.find((p) => p.item_id === path.slice(9));
  if (product) {
    return layout({
      title: product.item_name,
      tally,
      body: `<p>${product.price} USD</p><button id="add" onclick="hrq.push(${track("add_to_cart", { items: [{ ...product, quantity: 1 }] }).replace(/"/g, "&quot;")}); setTimeout(function () { location.href = '/cart'; }, 100)">Add to cart</button>`,
      commands: [track("view_item", { items: [product] })],
    });
  }
  if (path === "/cart") {
    return layout({ title: "Cart", tally, body: `<a id="checkout" href="/checkout">Checkout</a>`, commands: [track("view_cart", {})] });
  }
  if (path === "/checkout") {
    return layout({
      title: "Checkout",
      tally,
      body: `<button id="pay" onclick="hrq.push(${track("add_payment_info", {}).replace(/"/g, "&quot;")}); setTimeout(function () { location.href = '/thanks?order=' + Date.now() + '&total=24.99&products=sku-tee'; }, 100)">Pay</button>`,
      commands: [track("begin_checkout", {})],
    });
  }
  if (path === "/thanks") {
    // What a shop renders on its order confirmation: Hello Retail's conversion snippet.
    // `bulk=N` makes an order of N line items with long product numbers (a wholesale order).
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
      commands: [`["trackConversion", ${json(conversion)}, function () { window.tracked.push("purchase"); }]`],
    });
  }
  if (path === "/about") return layout({ title: "About", tally, body: "<p>A demo shop.</p>", commands: [] });
  return undefined;
}
