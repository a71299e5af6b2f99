// A tiny shop backend. The product page loads Tally's script tag, which sets the first-party
// `_tally` cookie. "Pay" posts to /checkout: the server confirms the order (here: makes up an
// order number) and sends the purchase with @tally/node, passing the request's Cookie header so
// the order joins the browser's visit. The thank-you page then sends the browser's own purchase
// of the same order; the collector merges the two into one order seen by client and server.
//
//   node examples/server-purchase/server.mjs --collector http://127.0.0.1:8787 --key pk_… --secret sk_… [--mode script|npm] [--port 3002]
//
// Tally loads by the collector's script tag, or with --mode npm by the npm package's ESM build.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClient } from "@tally/node";

const CART = [{ item_id: "sku-tee", item_name: "T-Shirt", price: 24.99, quantity: 2 }];
const TOTAL = 49.98;

const json = (value) => JSON.stringify(value).replace(/</g, "\\u003c");

// The npm import without a bundler: the browser resolves the bare specifiers through an import
// map to the packages' own ESM files, which this server serves.
// The SDK imports the shared model from @tally/schema, whose files import each other relatively.
const SCHEMA_DIST = dirname(fileURLToPath(import.meta.resolve("@tally/schema")));
const MODULES = {
  "/npm/tally-sdk.js": fileURLToPath(import.meta.resolve("@tally/sdk")),
  ...Object.fromEntries(
    readdirSync(SCHEMA_DIST)
      .filter((f) => f.endsWith(".js"))
      .map((f) => [`/npm/schema/${f}`, join(SCHEMA_DIST, f)]),
  ),
};
const IMPORTS = {
  "@tally/sdk": "/npm/tally-sdk.js",
  "@tally/schema/model": "/npm/schema/model.js",
  "@tally/schema/event-types": "/npm/schema/event-types.js",
};

function loader(mode, collector, key) {
  if (mode === "script") return `<script async src="${collector}/tally.js" data-key="${key}"></script>`;
  return `<script type="importmap">${json({ imports: IMPORTS })}</script>
<script type="module">
  import { createTracker, runCommand } from "@tally/sdk";
  const tracker = createTracker(${json({ key, endpoint: collector })});
  const run = (command) => runCommand(tracker, command, (e) => console.warn("[tally]", e));
  const queued = hrq;
  hrq = { push: (...commands) => commands.forEach(run) };
  queued.forEach(run);
</script>`;
}

function layout(title, body, { collector, key, mode }) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title} · Server-purchase shop</title></head>
<body>
<script>hrq = window.hrq || []; window.tracked = [];</script>
<h1>${title}</h1>
${body}
${loader(mode, collector, key)}
</body></html>`;
}

/**
 * Starts the shop; resolves with its URL, the orders it confirmed and a `close()` that also
 * flushes the Tally client.
 *
 * @example
 * const shop = await startShop({ collector: "http://127.0.0.1:8787", key: "pk_…", secret: "sk_…", port: 3002 });
 */
export async function startShop({ collector, key, secret, mode = "script", port = 0, host = "127.0.0.1" }) {
  const site = { collector, key, mode };
  // One client for the whole process: it batches, retries and flushes on close().
  const tally = createClient({
    key: secret,
    endpoint: collector,
    onError: (error) => console.error("Tally:", error.message),
  });
  const orders = [];
  let next = 1000;

  async function checkout(req, res) {
    const order = { id: `ORD-${++next}`, total: TOTAL, items: CART };
    orders.push(order);
    // The order system has confirmed it: send it from here, whatever the browser manages to do.
    await tally.purchase({
      transaction_id: order.id,
      revenue: order.total,
      currency: "USD",
      items: order.items,
      cookie: req.headers.cookie,
    });
    res.writeHead(303, { location: `/thanks?order=${order.id}` }).end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://shop");
    const html = (body) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" }).end(body);
    if (req.method === "POST" && url.pathname === "/checkout") {
      return void checkout(req, res).catch((error) =>
        res.writeHead(502, { "content-type": "text/plain" }).end(`Order confirmed, not tracked: ${error.message}`),
      );
    }
    if (Object.hasOwn(MODULES, url.pathname)) {
      return res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(MODULES[url.pathname]));
    }
    if (url.pathname === "/") {
      return html(
        layout(
          "Your cart",
          `<p>2 × T-Shirt, ${TOTAL} USD</p><form method="post" action="/checkout"><button id="pay">Pay</button></form>`,
          site,
        ),
      );
    }
    if (url.pathname === "/thanks") {
      const order = orders.find((o) => o.id === url.searchParams.get("order"));
      if (!order) return res.writeHead(404, { "content-type": "text/plain" }).end("No such order");
      const purchase = { transaction_id: order.id, revenue: order.total, currency: "USD", items: order.items };
      const push = `<script>hrq.push(["purchase", ${json(purchase)}, function () { window.tracked.push("purchase"); }]);</script>`;
      return html(layout("Thank you", `<p>Order ${order.id} is confirmed.</p>${push}`, site));
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}`,
    orders,
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await tally.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = {
    collector: { type: "string" },
    key: { type: "string" },
    secret: { type: "string" },
    mode: { type: "string", default: "script" },
    port: { type: "string", default: "3002" },
  };
  const { values } = parseArgs({ options });
  if (!values.collector || !values.key || !values.secret) {
    console.error(
      "Usage: node examples/server-purchase/server.mjs --collector URL --key pk_… --secret sk_… [--mode script|npm] [--port N]",
    );
    process.exit(2);
  }
  const shop = await startShop({
    collector: values.collector,
    key: values.key,
    secret: values.secret,
    mode: values.mode,
    port: Number(values.port),
  });
  console.log(`Server-purchase shop on ${shop.url}/`);
  const stop = () => shop.close().finally(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
