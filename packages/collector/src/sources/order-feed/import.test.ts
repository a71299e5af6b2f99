import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RATES_FILE, readRatesFile } from "../../currency/rates.js";
import { zonedTime } from "./zoned-time.js";
import { BROWSER_USER_AGENT } from "../../test-support/browser.js";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const feed = [
  {
    orderNumber: "1001",
    total: 59.5,
    date: `${day(40)} 10:00:00`,
    email: "a@example.com",
    customerId: "c1",
    products: [
      { productNumber: "p1", url: "https://shop/p1", quantity: 2, lineTotal: 40 },
      { productNumber: "p2", url: "https://shop/p2", quantity: 1, lineTotal: 19.5 },
    ],
  },
  {
    orderNumber: "1002",
    total: 20,
    date: `${day(3)} 23:30:00`,
    email: "b@example.com",
    products: [{ productNumber: "p1", quantity: 1, lineTotal: 20 }],
  },
  { total: 5, date: `${day(2)} 10:00:00`, products: [] },
  { orderNumber: "1004", total: -3, date: `${day(2)} 10:00:00`, products: [] },
  { orderNumber: "1005", total: 7, date: "yesterday", products: [] },
];

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "tally-import-"));
  const db = join(dir, "shop.db");
  const keys = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, "appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"],
      { encoding: "utf8" },
    ),
  );
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  // Asynchronous, so a feed served from this process can answer while the command runs.
  const importer = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [CLI, "import", "--db", db, "--appspace", keys.id, ...args],
        { encoding: "utf8" },
        (error, stdout, stderr) =>
          resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  return { dir, db, keys, file, importer };
}

function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", "--no-demo"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanup.push(() => child.kill("SIGKILL"));
  return new Promise((resolve) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ url, child });
    });
  });
}

describe("tally-collector import", { timeout: 60_000 }, () => {
  it("imports a Hello Retail feed beside a running collector, reports bad orders by position, and adds nothing the second time", async () => {
    const { db, keys, file, importer } = setup();
    const { url } = await serve(db);
    const query = async (path: string) =>
      (
        await fetch(`${url}/v1/api/analytics/ecommerce/${path}`, {
          headers: { authorization: `Bearer ${keys.secret_key}` },
        })
      ).json();
    // The browser saw order 1002 first.
    await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${keys.publishable_key}`,
        "user-agent": BROWSER_USER_AGENT,
      },
      body: JSON.stringify({
        event_type: "purchase",
        transaction_id: "1002",
        revenue: 25,
        currency: "USD",
        anonymous_id: "anon",
        context: { utm_source: "ads" },
      }),
    });

    const source = file("orders.json", JSON.stringify(feed));
    const first = await importer("--timezone", "Europe/Copenhagen", source);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain("skipped order 3: orderNumber is missing");
    expect(first.stdout).toContain("skipped order 4: total must not be negative");
    expect(first.stdout).toContain('skipped order 5: date "yesterday" is not a date such as 2026-03-01 14:30:00');
    expect(first.stdout).toContain("imported 1, merged with the browser's 1, already present 0, skipped 3");
    expect(first.stderr).not.toMatch(/at .*\.js/);

    // Visible to the running collector as soon as the command has exited.
    const overview = await query("overview?days=90");
    expect(overview).toMatchObject({ total_orders: 2, total_revenue: 79.5, total_items_sold: 4 });
    expect((await query("top-products?days=90")).products[0]).toMatchObject({
      item_id: "p1",
      revenue: 60,
      quantity: 3,
      orders: 2,
    });
    // The server's money wins; the browser's campaign stays.
    expect((await query("revenue-by-channel?days=90")).channels).toContainEqual(
      expect.objectContaining({ source: "ads", revenue: 20, orders: 1 }),
    );

    const again = await importer("--timezone", "Europe/Copenhagen", source);
    expect(again.stdout).toContain("imported 0, merged with the browser's 0, already present 2, skipped 3");
    expect((await query("overview?days=90")).total_orders).toBe(2);
  });

  it("reads the CSV form, Tally's CSV and JSON lines, from a file or a URL, and --dry-run stores nothing", async () => {
    const { db, keys, file, importer } = setup();
    const hrCsv = file(
      "orders.csv",
      `orderNumber,total,date,email,customerId,productNumber,url,quantity,lineTotal\nA1,30,${day(5)} 12:00:00,x@example.com,,p1,,1,10\nA1,30,${day(5)} 12:00:00,x@example.com,,p2,,2,20\n`,
    );
    const dry = await importer("--dry-run", hrCsv);
    expect(dry.stdout).toContain("would import 1, merged with the browser's 0, already present 0, skipped 0");
    expect(dry.status).toBe(0);
    expect((await importer(hrCsv)).stdout).toContain("imported 1,");

    const tallyCsv = file(
      "tally.csv",
      `transaction_id,timestamp,revenue,currency,item_id,item_name,price,quantity\nB1,${day(6)}T08:00:00Z,12,EUR,p9,Nine,6,2\nB2,${day(6)}T09:00:00Z,1,XXX,,,,\n`,
    );
    const csv = await importer("--format", "csv", tallyCsv);
    expect(csv.stdout).toContain("skipped line 3: Unknown currency XXX");
    expect(csv.stdout).toContain("imported 1,");

    const lines = [
      JSON.stringify({
        event_type: "refund",
        transaction_id: "A1",
        revenue: 5,
        currency: "USD",
        timestamp: `${day(4)}T10:00:00Z`,
      }),
      "",
      "{bad",
    ].join("\n");
    const server: Server = createServer((req, res) => res.end(req.url === "/feed.jsonl?daysBack=30" ? lines : ""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => server.close());
    const jsonl = await importer(
      "--format",
      "jsonl",
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.jsonl?daysBack=30`,
    );
    expect(jsonl.stdout).toContain("skipped line 3: the line is not valid JSON");
    expect(jsonl.stdout).toContain("imported 1,");
    expect(
      (
        await importer(
          "--format",
          "jsonl",
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.jsonl?daysBack=30`,
        )
      ).stdout,
    ).toContain("imported 0, merged with the browser's 0, already present 1");

    const { url } = await serve(db);
    const overview = await (
      await fetch(`${url}/v1/api/analytics/ecommerce/overview?days=30`, {
        headers: { authorization: `Bearer ${keys.secret_key}` },
      })
    ).json();
    const eur = readRatesFile(DEFAULT_RATES_FILE).rates.EUR!;
    expect(overview).toMatchObject({
      total_orders: 2,
      total_revenue: 30 + Math.round((12 / eur) * 100) / 100,
      total_refunds: 1,
      refund_amount: 5,
    });
  });

  it("answers usage errors with exit 2 and the import usage, and a missing file with one line", async () => {
    const { importer } = setup();
    const usage = await importer("--format", "xml", "x.json");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--format must be helloretail, csv or jsonl, not "xml"');
    const missing = await importer("/nope/orders.json");
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("tally-collector import: /nope/orders.json: no such file");
  });

  it("fetches a URL within its origin, its time and a size cap, refuses what is not a feed, and exits 1 when a body yields no order", async () => {
    const { keys, importer } = setup();
    const good = JSON.stringify([
      {
        orderNumber: "U1",
        total: 10,
        date: `${day(2)} 10:00:00`,
        products: [{ productNumber: "p1", quantity: 1, lineTotal: 10 }],
      },
    ]);
    const hostile = JSON.stringify([{ orderNumber: "U2", total: 1e12, date: `${day(2)} 10:00:00`, products: [] }]);
    const server: Server = createServer((req, res) => {
      const port = (server.address() as AddressInfo).port;
      const path = req.url!.split("?")[0];
      if (path === "/feed.json") return res.writeHead(200, { "content-type": "application/json" }).end(good);
      if (path === "/moved") return res.writeHead(302, { location: "/feed.json" }).end();
      if (path === "/elsewhere") return res.writeHead(302, { location: `http://localhost:${port}/feed.json` }).end();
      if (path === "/login")
        return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign in</body></html>");
      if (path === "/text")
        return res.writeHead(200, { "content-type": "text/plain" }).end("<html><body>Sign in</body></html>");
      if (path === "/hostile.json") return res.writeHead(200, { "content-type": "application/json" }).end(hostile);
      if (path === "/slow") return void setTimeout(() => res.end(good), 5_000);
      // Endless, without a Content-Length: only a cap that holds while reading stops it.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      pump();
      req.on("close", () => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const base = `http://feed-user:feed-pass@127.0.0.1:${(server.address() as AddressInfo).port}`;
    const shown = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const moved = await importer(`${base}/moved?token=abc`);
    expect(moved.stdout).toContain("imported 1,");
    expect(moved.status).toBe(0);
    const elsewhere = await importer(`${base}/elsewhere?token=abc`);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr.trim()).toBe(
      `tally-collector import: ${shown}/elsewhere?…: redirects to another origin (http://localhost:${(server.address() as AddressInfo).port}): refused; if you trust it, give that URL itself`,
    );
    const login = await importer(`${base}/login`);
    expect(login.status).toBe(1);
    expect(login.stderr).toContain(`${shown}/login: the answer is text/html, not a feed (JSON, CSV or JSON lines)`);
    const text = await importer(`${base}/text`);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`${shown}/text: no order in it; is it a helloretail feed (--format)?`);
    const huge = await importer("--max-size", "2", `${base}/endless`);
    expect(huge.status).toBe(1);
    expect(huge.stderr).toContain(`${shown}/endless: larger than 2097152 bytes (see --max-size)`);
    const slow = await importer("--timeout", "1", `${base}/slow`);
    expect(slow.status).toBe(1);
    expect(slow.stderr).toContain(`${shown}/slow: no complete answer within 1 s (see --timeout)`);
    for (const ran of [moved, elsewhere, login, text, huge, slow])
      expect(ran.stdout + ran.stderr).not.toMatch(/feed-pass|token=abc/);
    // Values beyond the bounds are refused on this route too.
    const beyond = await importer(`${base}/hostile.json`);
    expect(beyond.status).toBe(1);
    expect(beyond.stdout).toContain("skipped order 1: revenue must be at most 100000000000 (10^13 minor units of USD)");
    expect(keys.id).toBeTruthy();
  });

  it("reads wall-clock times in the feed's time zone, across daylight saving", () => {
    expect(zonedTime("2026-07-01 12:00:00", "Europe/Copenhagen")).toBe(Date.parse("2026-07-01T10:00:00Z"));
    expect(zonedTime("2026-01-15 12:00:00", "Europe/Copenhagen")).toBe(Date.parse("2026-01-15T11:00:00Z"));
    expect(zonedTime("2026-03-29 03:30:00", "Europe/Copenhagen")).toBe(Date.parse("2026-03-29T01:30:00Z"));
    expect(zonedTime("2026-02-30 10:00:00", "UTC")).toBeNaN();
  });
});
