import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import type { App } from "../app.js";
import { BROWSER_USER_AGENT } from "./browser.js";

/**
 * Debian's Chromium (`CHROMIUM_PATH`, else `/usr/bin/chromium`; `scripts/ensure-chromium.sh`
 * installs it), browsing as the desktop Chrome it is: its headless User-Agent is a bot to the
 * collector's bot rule.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      `--user-agent=${BROWSER_USER_AGENT}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The collector app on a real socket; its URL uses 127.0.0.1, so pages served from `localhost` are another origin. */
export async function listen(app: App): Promise<{ url: string; close(): void }> {
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A shop on another origin (`http://localhost:<port>`) answering every path with `html(path)`, and `/bundle.js` with `script`. */
export async function shopOrigin(html: (path: string) => string, script = ""): Promise<{ url: string; close(): void }> {
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/bundle.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      return;
    }
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html(path));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A browser bundle of `contents` (an entry module's text) resolved from this package, as esbuild makes one. */
export async function bundle(contents: string, options: { minify?: boolean } = {}): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: new URL(".", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: options.minify ?? false,
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}
