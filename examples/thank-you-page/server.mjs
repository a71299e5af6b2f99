// A tiny shop server: the pages of pages.mjs, the npm-mode bundle at /shop.js, and the
// single-page shop of ../spa at /spa/. The cart lives in a cookie (`cart=sku-tee:2,…`, written
// by the product page); placing an order (POST /orders) keeps it in memory for its thank-you page.
//
//   node examples/thank-you-page/server.mjs --collector http://127.0.0.1:8787 --key pk_… [--mode script|npm] [--port 3000]
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { parseCart } from "./catalogue.mjs";
import { page } from "./pages.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Bundles an npm-import entry with esbuild, once. */
async function bundle(entry) {
  const out = await build({
    entryPoints: [here(entry)],
    bundle: true,
    format: "esm",
    write: false,
    minify: true,
    target: "es2020",
  });
  return out.outputFiles[0].text;
}

/**
 * Starts the shop; resolves with its URL and a `close()`.
 *
 * @example
 * const shop = await startShop({ collector: "http://127.0.0.1:8787", key: "pk_…", mode: "script" });
 */
export async function startShop({ collector, key, mode = "script", port = 0, host = "127.0.0.1" }) {
  const tally = { collector, key, mode };
  const [shopJs, spaJs] = await Promise.all([bundle("../spa/src/shop.ts"), bundle("../spa/src/main.ts")]);
  const spaHtml = readFileSync(here("../spa/index.html"), "utf8").replace(
    "__TALLY__",
    JSON.stringify({ key, endpoint: collector }),
  );
  const orders = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://shop");
    const cookies = parseCookies(req.headers.cookie);
    const cartId = cookies.cart_id || `cart-${randomUUID()}`;
    const setCookies = cookies.cart_id ? [] : [`cart_id=${cartId}; Path=/; SameSite=Lax`];
    const send = (status, type, body) =>
      res.writeHead(status, { "content-type": type, "cache-control": "no-cache", "set-cookie": setCookies }).end(body);
    if (req.method === "POST" && url.pathname === "/orders") {
      const lines = parseCart(cookies.cart);
      if (lines.length === 0) return res.writeHead(303, { location: "/cart" }).end();
      const id = `order-${orders.size + 1}-${randomUUID().slice(0, 8)}`;
      orders.set(id, { id, lines, cartId });
      // The order is placed: the next visit starts a new cart.
      return res
        .writeHead(303, {
          location: `/thanks?order=${id}`,
          "set-cookie": ["cart=; Path=/; Max-Age=0", "cart_id=; Path=/; Max-Age=0"],
        })
        .end();
    }
    if (url.pathname === "/shop.js") return send(200, "text/javascript", shopJs);
    if (url.pathname === "/spa/app.js") return send(200, "text/javascript", spaJs);
    if (url.pathname === "/spa/" || url.pathname === "/spa") return send(200, "text/html; charset=utf-8", spaHtml);
    const order = url.pathname === "/thanks" ? orders.get(url.searchParams.get("order")) : undefined;
    const html = page(url.pathname, url.searchParams, tally, { cart: parseCart(cookies.cart), cartId, order });
    return html ? send(200, "text/html; charset=utf-8", html) : send(404, "text/plain", "Not found");
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

function parseCookies(header = "") {
  const cookies = {};
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      collector: { type: "string" },
      key: { type: "string" },
      mode: { type: "string", default: "script" },
      port: { type: "string", default: "3000" },
    },
  });
  if (!values.collector || !values.key) {
    console.error(
      "Usage: node examples/thank-you-page/server.mjs --collector URL --key pk_… [--mode script|npm] [--port N]",
    );
    process.exit(2);
  }
  const shop = await startShop({
    collector: values.collector,
    key: values.key,
    mode: values.mode,
    port: Number(values.port),
  });
  console.log(`Shop (${values.mode}) on ${shop.url}`);
}
