// The limits on browser traffic, on real collector processes over real sockets: a flood on one
// publishable key or from one address is refused quickly, and costs the neighbours nothing.
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startServe, type Serving } from "../cli/run-cli.test-support.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";

const TRACK = "/v1/api/analytics/ecommerce/track";
const running: Serving[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

function shops(names: string[]) {
  const db = join(mkdtempSync(join(tmpdir(), "tally-limits-")), "shop.db");
  const made = names.map((name) => {
    const created = runCli(["appspace", "create", "--db", db, "--name", name, "--currency", "USD", "--json"]);
    expect(created.status, created.stderr).toBe(0);
    return JSON.parse(created.stdout) as { id: string; publishable_key: string; secret_key: string };
  });
  return { db, made };
}

async function serve(db: string, ...more: string[]) {
  const s = await startServe(["--db", db, "--port", "0", "--no-demo", ...more]);
  running.push(s);
  return s;
}

const view = (n: number) => ({
  event_type: "view_item",
  event_id: `v-${n}-${Math.random()}`,
  items: [{ item_id: "sku" }],
});
const send = (url: string, key: string, body: unknown = view(0), headers: Record<string, string> = {}) =>
  fetch(`${url}${TRACK}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
      "user-agent": BROWSER_USER_AGENT,
      ...headers,
    },
    body: JSON.stringify(body),
  });

describe("token buckets on browser traffic", { timeout: 60_000 }, () => {
  it("a flood on one publishable key is refused with 429 and Retry-After; another shop's browser and its server are not", async () => {
    const {
      db,
      made: [flooded, neighbour],
    } = shops(["Flooded", "Neighbour"]);
    const server = await serve(db, "--limit-key", "20/min:20", "--limit-address", "off");
    const flood = await Promise.all(
      Array.from({ length: 120 }, (_, i) => send(server.url, flooded!.publishable_key, view(i))),
    );
    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(80);
    expect(flood.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(20);
    expect(await refused[0]!.json()).toEqual({
      error: "Too many requests for this publishable key; send again later",
      code: "request.rate_limited",
    });
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The neighbour, from the same address, at once: its browser and its server both get through.
    for (let i = 0; i < 10; i++) expect((await send(server.url, neighbour!.publishable_key, view(i))).status).toBe(200);
    expect(
      (await send(server.url, neighbour!.secret_key, { event_type: "purchase", transaction_id: "n1", revenue: 5 }))
        .status,
    ).toBe(200);
    // The flooded shop's own server is not limited either.
    expect(
      (await send(server.url, flooded!.secret_key, { event_type: "purchase", transaction_id: "f1", revenue: 5 }))
        .status,
    ).toBe(200);
  });

  it("limits one address's browser requests before reading the body, never a secret key's, and trusts X-Forwarded-For only with --trust-proxy", async () => {
    const {
      db,
      made: [shop],
    } = shops(["Shop"]);
    const server = await serve(db, "--limit-address", "5/min:5", "--limit-key", "off");
    const browser = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(server.url, shop!.publishable_key, view(i))),
    );
    expect(browser.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(10);
    const refusal = browser.find((r) => r.status === 429)!;
    expect(await refusal.json()).toEqual({
      error: "Too many requests from this address; send again later",
      code: "request.rate_limited",
    });
    expect(refusal.headers.get("retry-after")).toMatch(/^\d+$/);
    // The shop's server on the same address: never limited by address.
    const server_ = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(server.url, shop!.secret_key, { event_type: "purchase", transaction_id: `o${i}`, revenue: 1 }),
      ),
    );
    expect(server_.map((r) => r.status)).toEqual(Array(20).fill(200));
    // A forged X-Forwarded-For changes nothing without --trust-proxy.
    expect(
      (await send(server.url, shop!.publishable_key, view(99), { "x-forwarded-for": "198.51.100.7" })).status,
    ).toBe(429);
    // A beacon's body is never read once the address is over its rate: the answer comes with only the headers sent.
    const answer = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          `POST ${TRACK}?key=${shop!.publishable_key} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
        if (text.includes("\r\n\r\n")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
      setTimeout(() => reject(new Error(`no answer before the body: ${text}`)), 3000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 429/);

    const proxied = await serve(db, "--limit-address", "2/min:2", "--limit-key", "off", "--trust-proxy");
    const via = (chain: string) => send(proxied.url, shop!.publishable_key, view(1), { "x-forwarded-for": chain });
    expect((await via("203.0.113.1, 198.51.100.9")).status).toBe(200);
    expect((await via("203.0.113.2, 198.51.100.9")).status).toBe(200);
    // The proxy's own entry (the last) names the client: what a client put before it does not.
    expect((await via("203.0.113.3, 198.51.100.9")).status).toBe(429);
    expect((await via("198.51.100.9, 198.51.100.10")).status).toBe(200);
  });

  it("refuses a rate it cannot read with the usage", () => {
    const ran = runCli(["serve", "--limit-key", "fast", "--port", "0"]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain(
      '--limit-key must be a rate such as 100/s, 600/min or 100/s:500 (a burst after the colon), or off, not "fast"',
    );
  });
});
