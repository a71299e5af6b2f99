// The suite's own test pages (the example shop stays the examples' own): a thank-you page that
// pushes Hello Retail's conversion at load or inside `pagehide`, a page that only loads Tally, and
// a bare page, each loading Tally by the test's delivery mode: the collector's script tag, or an
// esbuild bundle of the npm import (`/npm.js`).
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Mode } from "./fixtures.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export interface PagesOptions {
  mode: Mode;
  key: string;
  /** Where the SDK sends (the collector, or a proxy in front of it). */
  endpoint: string;
  /** Where the script tag is loaded from (default `endpoint + "/tally.js"`). */
  scriptSrc?: string;
  /** npm: the batch URL, when it is not under `endpoint` (first-party paths). */
  batchUrl?: string;
  port?: number;
}

export interface Pages {
  url: string;
  close(): Promise<void>;
}

let npmBundle: Promise<string> | undefined;
/** The npm import, bundled as a shop's own build would (once per run). */
const npm = () =>
  (npmBundle ??= build({
    entryPoints: [here("../fixtures/npm-entry.ts")],
    bundle: true,
    format: "esm",
    write: false,
    target: "es2020",
  }).then((out) => out.outputFiles[0]!.text));

/** The tag that loads Tally in `mode`; `extra` are more `data-*` attributes (script) or TALLY fields (npm). */
export function loader(o: PagesOptions, extra: Record<string, string | boolean> = {}): string {
  if (o.mode === "npm") {
    return `<script>window.TALLY = ${json({ key: o.key, endpoint: o.endpoint, batchUrl: o.batchUrl, ...extra })};</script><script type="module" src="/npm.js"></script>`;
  }
  const attrs = Object.entries(extra)
    .map(([k, v]) => (v === true ? ` data-${k}` : ` data-${k}="${v}"`))
    .join("");
  return `<script async src="${o.scriptSrc ?? `${o.endpoint}/tally.js`}" data-key="${o.key}"${attrs}></script>`;
}

/** Hello Retail's conversion for an order of the products given. */
export const conversion = (order: string, total: number, products: string[]) => ({
  total,
  orderNumber: order,
  email: "customer@example.com",
  productNumbers: products,
});

function thanks(o: PagesOptions, q: URLSearchParams): string {
  const c = conversion(
    q.get("order") ?? "order-1",
    Number(q.get("total") ?? 49.99),
    (q.get("products") ?? "p-1234,p-4567").split(","),
  );
  const push = `hrq = window.hrq || []; hrq.push(["trackConversion", ${json(c)}, function () { window.tracked.push("purchase"); }]);`;
  // `at=pagehide`: the latest moment a page can act, as a shop that tracks on leaving does.
  const when = q.get("at") === "pagehide" ? `addEventListener("pagehide", function () { ${push} });` : push;
  return page(
    "Thank you",
    `<p>Order ${c.orderNumber}</p><a id="leave" href="/bare">Continue</a>`,
    `window.tracked = []; ${when}`,
    loader(o, q.has("debug") ? { debug: true } : {}),
  );
}

function page(title: string, body: string, script: string, tally: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}<script>${script}</script>${tally}</body></html>`;
}

/**
 * Starts the test pages; `/thanks?order=…&total=…&products=a,b[&at=pagehide][&debug]`,
 * `/visit` (Tally only), `/bare` (no Tally), `/vendor.js` (the Hello Retail stand-in),
 * `/npm.js`, and `/empty` (for pages a test builds itself).
 */
export async function startPages(o: PagesOptions): Promise<Pages> {
  const bundle = await npm();
  const vendor = readFileSync(here("../fixtures/vendor.js"), "utf8");
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, "http://pages");
    const send = (type: string, body: string) =>
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
    const html = (body: string) => send("text/html; charset=utf-8", body);
    switch (url.pathname) {
      case "/npm.js":
        return send("text/javascript", bundle);
      case "/vendor.js":
        return send("text/javascript", vendor);
      case "/thanks":
        return html(thanks(o, url.searchParams));
      case "/visit":
        return html(page("A later visit", "", "window.tracked = [];", loader(o)));
      case "/bare":
        return html(page("Elsewhere", "", "", ""));
      case "/empty":
        return html(page("Empty", "", "", ""));
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
