// Plans, quotas, the bot rule and retention on real collector processes over real sockets: the
// seed's exact 403 and 429, Retry-After, a count that survives a restart, a bot's purchase
// answered ok and dropped, and a purge that leaves nothing past retention and re-admits nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startServe, type Serving } from "../cli/run-cli.test-support.js";
import { createSqliteStore } from "../stores/sqlite/sqlite-store.js";
import { seedPurchase } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { secondsToMonthEnd } from "./month.js";
import { purgeAllExpired } from "./retention-job.js";

const E = "/v1/api/analytics/ecommerce";
const DAY = 86_400_000;
const running: Serving[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

function newShop() {
  const db = join(mkdtempSync(join(tmpdir(), "tally-policies-")), "shop.db");
  const created = runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]);
  expect(created.status, created.stderr).toBe(0);
  return {
    db,
    ...(JSON.parse(created.stdout) as { id: string; website_id: string; publishable_key: string; secret_key: string }),
  };
}

async function serve(db: string, ...more: string[]) {
  const s = await startServe(["--db", db, "--port", "0", "--no-demo", ...more]);
  running.push(s);
  return s;
}

const post = (url: string, path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const bearer = (key: string, userAgent = BROWSER_USER_AGENT) => ({
  authorization: `Bearer ${key}`,
  "user-agent": userAgent,
});
const query = async (url: string, key: string, path: string) =>
  (await fetch(`${url}${E}/${path}`, { headers: { authorization: `Bearer ${key}` } })).json() as Promise<any>;

describe("appspace update and show", () => {
  it("show the defaults, change every setting, and refuse bad values with the usage (exit 2, no stack)", () => {
    const { db, id, website_id } = newShop();
    expect(website_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(website_id).not.toBe(id);
    const show = () => JSON.parse(runCli(["appspace", "show", "--db", db, "--id", id, "--json"]).stdout);
    expect(show()).toEqual({
      id,
      name: "Shop",
      currency: "USD",
      plan: "pro",
      quota: null,
      retention_days: 365,
      max_order_value: null,
      currencies: "any",
      fraud: { bot: "block", impossible_revenue: "flag", velocity: "flag", currency_restricted: "flag" },
      website_id,
      hello_retail: "on",
      dropped_this_month: {},
    });
    const updated = runCli([
      "appspace",
      "update",
      "--db",
      db,
      "--id",
      id,
      "--name",
      "Shop 2",
      "--plan",
      "free",
      "--quota",
      "5000",
      "--retention",
      "90",
      "--max-order-value",
      "2500.50",
      "--currencies",
      "usd,EUR",
      "--fraud",
      "bot=flag",
      "--fraud",
      "velocity=off",
      "--hello-retail",
      "off",
      "--json",
    ]);
    expect(updated.status, updated.stderr).toBe(0);
    const after = {
      id,
      name: "Shop 2",
      currency: "USD",
      plan: "free",
      quota: 5000,
      retention_days: 90,
      max_order_value: 2500.5,
      currencies: ["USD", "EUR"],
      fraud: { bot: "flag", impossible_revenue: "flag", velocity: "off", currency_restricted: "flag" },
      website_id,
      hello_retail: "off",
    };
    expect(JSON.parse(updated.stdout)).toEqual(after);
    expect(show()).toEqual({ ...after, dropped_this_month: {} });
    expect(runCli(["appspace", "show", "--db", db, "--id", id]).stdout).toMatch(
      /quota\s+5000 events a month \(0 used this month\)/,
    );
    runCli([
      "appspace",
      "update",
      "--db",
      db,
      "--id",
      id,
      "--quota",
      "none",
      "--currencies",
      "any",
      "--max-order-value",
      "none",
    ]);
    expect(show()).toMatchObject({ quota: null, currencies: "any", max_order_value: null });

    for (const bad of [
      ["--plan", "gold"],
      ["--quota=-1"],
      ["--retention", "0"],
      ["--fraud", "nosuch=flag"],
      ["--fraud", "bot=maybe"],
      ["--currencies", "dollars"],
      ["--max-order-value", "lots"],
      ["--hello-retail", "maybe"],
      ["--colour", "red"],
    ]) {
      const ran = runCli(["appspace", "update", "--db", db, "--id", id, ...bad]);
      expect(ran.status, bad.join(" ")).toBe(2);
      expect(ran.stderr, bad.join(" ")).toMatch(/^tally-collector appspace: .+\n\nUsage:/);
      expect(ran.stderr).not.toMatch(/\n\s+at /);
    }
    const unknown = runCli(["appspace", "show", "--db", db, "--id", "nope"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  }, 30_000);
});

describe("plan and quota on every ingest route", { timeout: 30_000 }, () => {
  it("a free appspace answers 403 with the seed's words, after the key and before the body", async () => {
    const shop = newShop();
    runCli(["appspace", "update", "--db", shop.db, "--id", shop.id, "--plan", "free"]);
    const { url } = await serve(shop.db);
    const refusal = { error: "Ecommerce events are not available on the free tier", code: "plan.free_tier" };
    for (const [path, body, headers] of [
      [`${E}/track`, seedPurchase(), bearer(shop.secret_key)],
      [`${E}/batch`, { events: [seedPurchase()] }, bearer(shop.publishable_key)],
      [`${E}/batch`, { events: [] }, bearer(shop.secret_key)],
      [
        "/v1/track",
        { event: "Order Completed", userId: "u", properties: { order_id: "o", revenue: 5 } },
        { authorization: `Basic ${Buffer.from(`${shop.secret_key}:`).toString("base64")}` },
      ],
    ] as const) {
      const res = await post(url, path, body, headers);
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toEqual(refusal);
    }
    const hello = await post(
      url,
      "/serve/collect/conversion",
      { websiteUuid: shop.website_id, orderNumber: "o1", total: 10, trackingUserId: "t", productNumbers: ["p-1"] },
      { "user-agent": BROWSER_USER_AGENT },
    );
    expect(hello.status).toBe(403);
    expect(await hello.json()).toEqual({ success: false, message: refusal.error });
    const badKey = await post(url, `${E}/track`, seedPurchase(), bearer("sk_nope"));
    expect(badKey.status).toBe(401);
  }, 30_000);

  it("counts accepted events a month: a browser batch crossing the quota is refused whole with Retry-After, the server's purchases never are, repeats do not count, the count survives a restart", async () => {
    const shop = newShop();
    runCli(["appspace", "update", "--db", shop.db, "--id", shop.id, "--quota", "3"]);
    let server = await serve(shop.db, "--metrics-port", "0");
    const sk = bearer(shop.publishable_key, BROWSER_USER_AGENT);
    const server_ = bearer(shop.secret_key);
    const purchase = (n: number) => seedPurchase({ event_id: `e${n}`, transaction_id: `o${n}` });
    expect((await post(server.url, `${E}/batch`, { events: [purchase(1), purchase(2)] }, sk)).status).toBe(200);
    const crossing = await post(server.url, `${E}/batch`, { events: [purchase(3), purchase(4)] }, sk);
    const sent = Date.now();
    expect(crossing.status).toBe(429);
    expect(await crossing.json()).toEqual({ error: "Ecommerce event quota exceeded", code: "ingest.quota_exceeded" });
    const retryAfter = Number(crossing.headers.get("retry-after"));
    expect(Math.abs(retryAfter - secondsToMonthEnd(sent))).toBeLessThanOrEqual(2);
    // Once projected, the same two event ids again are repeats: answered, not counted.
    expect((await query(server.url, shop.secret_key, "overview")).total_orders).toBe(2);
    expect(await (await post(server.url, `${E}/batch`, { events: [purchase(1), purchase(2)] }, sk)).json()).toEqual({
      ok: true,
      accepted: 2,
    });
    expect((await post(server.url, `${E}/track`, purchase(3), sk)).status).toBe(200);
    // Body errors come before the quota; a new event past it is refused, on Hello Retail's route in its own shape.
    expect((await post(server.url, `${E}/batch`, { events: [] }, sk)).status).toBe(400);
    const past = await post(server.url, `${E}/track`, purchase(4), sk);
    expect(past.status, await past.clone().text()).toBe(429);
    // The shop's own server is never refused: its purchase is accepted and counted.
    expect((await post(server.url, `${E}/track`, purchase(6), server_)).status).toBe(200);
    const hello = await post(
      server.url,
      "/serve/collect/conversion",
      { websiteUuid: shop.website_id, orderNumber: "h1", total: 10, trackingUserId: "t", productNumbers: ["p-1"] },
      { "user-agent": BROWSER_USER_AGENT },
    );
    expect(hello.status).toBe(429);
    expect(await hello.json()).toEqual({ success: false, message: "Ecommerce event quota exceeded" });
    const metricsUrl = server.output().match(/Prometheus metrics at (\S+)/)![1]!;
    expect(await (await fetch(metricsUrl)).text()).toContain(`tally_quota_refusals_total{appspace="Shop"} 3`);

    await server.stop();
    running.splice(0);
    server = await serve(shop.db);
    expect((await post(server.url, `${E}/track`, purchase(5), sk)).status).toBe(429);
    expect(runCli(["appspace", "show", "--db", shop.db, "--id", shop.id]).stdout).toMatch(
      /3 events a month \(4 used this month\)/,
    );
    runCli(["appspace", "update", "--db", shop.db, "--id", shop.id, "--quota", "10"]);
    // A running collector sees the new quota within its key cache's second.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await post(server.url, `${E}/track`, purchase(5), sk)).status).toBe(200);
  }, 30_000);
});

describe("the bot rule on a real socket", { timeout: 30_000 }, () => {
  it("answers a curl purchase sent with the publishable key ok, stores nothing, and counts it blocked", async () => {
    const shop = newShop();
    const server = await serve(shop.db, "--metrics-port", "0");
    const res = await post(server.url, `${E}/track`, seedPurchase(), bearer(shop.publishable_key, "curl/8.5.0"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(await query(server.url, shop.secret_key, "overview")).toMatchObject({ total_orders: 0, total_revenue: 0 });
    expect((await query(server.url, shop.secret_key, "user-journey?user_id=user_123")).events).toEqual([]);
    expect((await query(server.url, shop.secret_key, "flagged")).events).toEqual([]);
    const metricsUrl = server.output().match(/Prometheus metrics at (\S+)/)![1]!;
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toContain('tally_fraud_blocked_total{rule="bot"} 1');
    // The silent drop is visible to the operator: per appspace and rule, in the metrics and in appspace show.
    expect(metrics).toContain('tally_fraud_drops_total{appspace="Shop",rule="bot"} 1');
    expect(
      JSON.parse(runCli(["appspace", "show", "--db", shop.db, "--id", shop.id, "--json"]).stdout).dropped_this_month,
    ).toEqual({ bot: 1 });
    expect(runCli(["appspace", "show", "--db", shop.db, "--id", shop.id]).stdout).toMatch(/dropped\s+bot 1 this month/);
    expect(metrics).toContain('tally_fraud_flagged_total{rule="velocity"} 0');
  });
});

describe("retention", () => {
  it("a purge leaves no event older than the retention, and a late retry does not bring a purged order back", async () => {
    const shop = newShop();
    let server = await serve(shop.db);
    const sk = bearer(shop.secret_key);
    const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const events = [
      seedPurchase({ event_id: "old", transaction_id: "old-order", timestamp: at(100) }),
      {
        event_type: "view_item",
        event_id: "old-view",
        user_id: "user_123",
        timestamp: at(60),
        items: [{ item_id: "sku_1" }],
      },
      seedPurchase({ event_id: "new", transaction_id: "new-order", timestamp: at(5) }),
    ];
    expect(await (await post(server.url, `${E}/batch`, { events }, sk)).json()).toEqual({ ok: true, accepted: 3 });
    expect((await query(server.url, shop.secret_key, "overview?days=365")).total_orders).toBe(2);
    await server.stop();
    running.splice(0);

    runCli(["appspace", "update", "--db", shop.db, "--id", shop.id, "--retention", "30"]);
    server = await serve(shop.db);
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/retention: purged 2 events/);
    const retry = await post(
      server.url,
      `${E}/track`,
      seedPurchase({ event_id: "old-retry", transaction_id: "old-order", timestamp: at(1) }),
      sk,
    );
    expect(await retry.json()).toEqual({ ok: true });
    expect(await query(server.url, shop.secret_key, "overview?days=30")).toMatchObject({
      total_orders: 1,
      total_revenue: 49.99,
    });
    await server.stop();
    running.splice(0);

    const store = createSqliteStore({ file: shop.db });
    try {
      const seq = (await store.findAppspaceById(shop.id))!.seq;
      const left = await store.journey(seq, "user_123", 0, Date.now() + DAY);
      expect(left.map((e) => e.transaction_id)).toEqual(["new-order"]);
      expect(await store.knownEventIds(seq, ["old", "old-view", "new", "old-retry"])).toEqual(
        new Set(["old", "old-view", "new", "old-retry"]),
      );
      expect(await purgeAllExpired(store, Date.now(), 500)).toBe(0);
    } finally {
      await store.close();
    }
  }, 30_000);
});
