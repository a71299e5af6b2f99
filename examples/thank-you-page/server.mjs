// A tiny shop server: the pages of pages.mjs, the npm-mode bundle at /shop.js, and the
// single-page shop of ../spa at /spa/.
//
//   node examples/thank-you-page/server.mjs --collector http://127.0.0.1:8787 --key pk_… [--mode script|npm] [--port 3000]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { page } from "./pages.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Bundles an npm-import entry with esbuild, once. */
async function bundle(entry) {
  const out = await build({ entryPoints: [here(entry)], bundle: true, format: "esm", write: false, minify: true, target: "es2020" });
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
  const spaHtml = readFileSync(here("../spa/index.html"), "utf8").replace("__TALLY__", JSON.stringify({ key, endpoint: collector }));
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://shop");
    const send = (status, type, body) => res.writeHead(status, { "content-type": type, "cache-control": "no-cache" }).end(body);
    if (url.pathname === "/shop.js") return send(200, "text/javascript", shopJs);
    if (url.pathname === "/spa/app.js") return send(200, "text/javascript", spaJs);
    if (url.pathname === "/spa/" || url.pathname === "/spa") return send(200, "text/html; charset=utf-8", spaHtml);
    const html = page(url.pathname, url.searchParams, tally);
    return html ? send(200, "text/html; charset=utf-8", html) : send(404, "text/plain", "Not found");
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { collector: { type: "string" }, key: { type: "string" }, mode: { type: "string", default: "script" }, port: { type: "string", default: "3000" } } });
  if (!values.collector || !values.key) {
    console.error("Usage: node examples/thank-you-page/server.mjs --collector URL --key pk_… [--mode script|npm] [--port N]");
    process.exit(2);
  }
  const shop = await startShop({ collector: values.collector, key: values.key, mode: values.mode, port: Number(values.port) });
  console.log(`Shop (${values.mode}) on ${shop.url}`);
}
