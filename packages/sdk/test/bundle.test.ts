import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built script-tag bundle, run as a page would run it, against a real collector process.
const BUNDLE = join(import.meta.dirname, "../dist/tally.js");
const CLI = join(import.meta.dirname, "../../collector/dist/cli.js");
let collector: ChildProcess;
let origin: string;
let keys: { publishable_key: string; secret_key: string };

beforeAll(async () => {
  const db = join(mkdtempSync(join(tmpdir(), "tally-sdk-")), "shop.db");
  keys = JSON.parse(execFileSync(process.execPath, [CLI, "appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"], { encoding: "utf8" }));
  collector = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  origin = await new Promise<string>((resolve) => {
    let out = "";
    collector.stdout!.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    });
  });
  (window as any).happyDOM.setURL(`${origin}/checkout/thanks`);
}, 30_000);

afterAll(() => collector?.kill("SIGTERM"));

/**
 * Runs the bundle as a browser runs `<script src="…/tally.js" data-key="pk_…">`: with
 * document.currentScript set to that element (happy-dom does not execute script elements here).
 */
function loadScript() {
  const script = document.createElement("script");
  script.src = `${origin}/tally.js`;
  script.dataset.key = keys.publishable_key;
  document.body.appendChild(script);
  Object.defineProperty(document, "currentScript", { configurable: true, get: () => script });
  try {
    new Function(readFileSync(BUNDLE, "utf8"))();
  } finally {
    Object.defineProperty(document, "currentScript", { configurable: true, get: () => null });
  }
}

async function overview() {
  const res = await fetch(`${origin}/v1/api/analytics/ecommerce/overview`, { headers: { authorization: `Bearer ${keys.secret_key}` } });
  return res.json();
}

describe("dist/tally.js", { timeout: 30_000 }, () => {
  it("exists, is served by the collector and stays under the 4,096-byte gzip ceiling", async () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const code = readFileSync(BUNDLE);
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4096);
    const served = await fetch(`${origin}/tally.js`);
    expect(await served.text()).toBe(code.toString());
  });

  it("runs the Hello Retail snippet pushed before and after it loads, and delivers each order once", async () => {
    const done: string[] = [];
    const w = window as any;
    // The shop's page, before the script has loaded: Hello Retail's snippet, verbatim.
    w.hrq = w.hrq || [];
    w.hrq.push([
      "trackConversion",
      { total: 499.32, orderNumber: "110-2347", email: "customer@example.com", customerId: "53967", productNumbers: ["p-1234", "p-4567"] },
      function () {
        done.push("before");
      },
    ]);
    loadScript();
    // After load, the same snippet (and a repeat of the first order).
    w.hrq = w.hrq || [];
    w.hrq.push(["trackConversion", { total: 10, orderNumber: "110-2348", urls: ["http://example.com/shop/product-1234"] }, () => done.push("after")]);
    w.hrq.push(["trackConversion", { total: 499.32, orderNumber: "110-2347", productNumbers: ["p-1234"] }, () => done.push("repeat")]);
    await expect.poll(() => done.length, { timeout: 5000 }).toBe(3);
    await w.tally.flush();
    await expect.poll(async () => (await overview()).total_orders, { timeout: 5000 }).toBe(2);
    expect(await overview()).toMatchObject({ total_orders: 2, total_revenue: 509.32, total_items_sold: 3 });
  });
});
