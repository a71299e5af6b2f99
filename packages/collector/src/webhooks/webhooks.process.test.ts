// Webhooks end to end: real collector processes and a real local receiver. A receiver that fails
// twice gets the order once it succeeds, each attempt validly signed and with the same id, across a
// kill -9 of the collector; a merged order fires purchase then purchase.updated; a refund, a flagged
// event and an abandoned cart fire their own types; nothing is sent again after a 2xx.
import Database from "better-sqlite3";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startServe, type Serving } from "../cli/run-cli.test-support.js";
import { seedPurchase } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { createSqliteStore } from "../stores/sqlite/sqlite-store.js";

const E = "/v1/api/analytics/ecommerce";
interface Received {
  at: number;
  signature: string;
  raw: string;
  body: { id: string; type: string; created_at: string; appspace_id: string; data: any };
  status: number;
}

const running: Serving[] = [];
let receiver: Server | undefined;
afterEach(async () => {
  for (const s of running.splice(0)) s.child.kill("SIGKILL");
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
});

/** Answers 500 to the first `failures` attempts of each purchase of `failing`, 200 to everything else. */
async function startReceiver(failing: string, failures: number) {
  const got: Received[] = [];
  receiver = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw);
      const tries = got.filter((r) => r.body.id === body.id).length;
      const status = body.data.transaction_id === failing && tries < failures ? 500 : 200;
      got.push({ at: Date.now(), signature: String(req.headers["tally-signature"]), raw, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, got };
}

const validSignature = (secret: string, r: Received) => {
  const { t, v1 } = Object.fromEntries(r.signature.split(",").map((p) => p.split("="))) as { t: string; v1: string };
  return (
    v1 === createHmac("sha256", secret).update(`${t}.${r.raw}`).digest("hex") && Math.abs(Number(t) - r.at / 1000) < 5
  );
};

/** Attempts the outbox has recorded, read beside the serving collector. */
const recordedAttempts = (db: string) => {
  const file = new Database(db, { readonly: true });
  try {
    return (file.prepare("SELECT coalesce(sum(attempts), 0) AS n FROM webhook_deliveries").get() as { n: number }).n;
  } finally {
    file.close();
  }
};

const post = (url: string, path: string, body: unknown, key: string) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "user-agent": BROWSER_USER_AGENT },
    body: JSON.stringify(body),
  });

describe("webhooks", () => {
  it("deliver each event at least once, signed, retried with backoff across a kill -9, and never again after a 2xx", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-webhooks-")), "shop.db");
    const shop = JSON.parse(
      runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]).stdout,
    );
    runCli(["appspace", "update", "--db", db, "--id", shop.id, "--currencies", "USD"]);
    const { url: hook, got } = await startReceiver("W-1", 2);
    const added = runCli([
      "webhook",
      "add",
      "--db",
      db,
      "--appspace",
      shop.id,
      "--url",
      hook,
      "--events",
      "purchase,refund,cart_abandoned,fraud_flagged",
      "--allow-private",
      "--json",
    ]);
    expect(added.status, added.stderr).toBe(0);
    const webhook = JSON.parse(added.stdout);
    expect(webhook).toMatchObject({
      id: expect.stringMatching(/^wh_/),
      secret: expect.stringMatching(/^whsec_/),
      events: ["purchase", "refund", "cart_abandoned", "fraud_flagged"],
    });
    expect(JSON.parse(runCli(["webhook", "list", "--db", db, "--json"]).stdout)).toEqual([
      expect.objectContaining({ id: webhook.id, url: hook }),
    ]);
    expect(
      runCli(["webhook", "add", "--db", db, "--appspace", shop.id, "--url", hook, "--events", "orders"]).status,
    ).toBe(2);

    let collector = await startServe(["--db", db, "--port", "0", "--no-demo"]);
    running.push(collector);
    const sent = Date.now();
    await post(collector.url, `${E}/track`, seedPurchase({ transaction_id: "W-1" }), shop.secret_key);
    await expect.poll(() => got.length, { timeout: 5000 }).toBe(1);
    expect(got[0]!.at - sent).toBeLessThan(2000);
    expect(got[0]!.status).toBe(500);

    // Killed between the first failure (once it is recorded) and its retry: the outbox is durable.
    await expect.poll(() => recordedAttempts(db), { timeout: 5000, interval: 20 }).toBe(1);
    collector.child.kill("SIGKILL");
    running.splice(0);
    collector = await startServe(["--db", db, "--port", "0", "--no-demo"]);
    running.push(collector);
    await expect.poll(() => got.filter((r) => r.status === 200).length, { timeout: 45_000, interval: 200 }).toBe(1);
    const order = got.filter((r) => r.body.data.transaction_id === "W-1");
    expect(order.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(order.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(order.map((r) => r.raw)).size).toBe(1);
    for (const r of order) expect(validSignature(webhook.secret, r)).toBe(true);
    expect(validSignature("whsec_wrong", order[0]!)).toBe(false);
    expect(order[1]!.at - order[0]!.at).toBeGreaterThanOrEqual(2400);
    expect(order[1]!.at - order[0]!.at).toBeLessThan(5000 + 1500);
    expect(order[2]!.at - order[1]!.at).toBeGreaterThanOrEqual(2400);
    expect(order[0]!.body).toEqual({
      id: expect.any(String),
      type: "purchase",
      created_at: expect.any(String),
      appspace_id: shop.id,
      data: expect.objectContaining({
        transaction_id: "W-1",
        revenue: 49.99,
        currency: "USD",
        seen_by: ["server"],
        items: [expect.objectContaining({ item_id: "sku_1", price: 24.99, quantity: 2 })],
      }),
    });

    // A browser order the server then reports with other money: purchase, then purchase.updated.
    await post(collector.url, `${E}/track`, seedPurchase({ transaction_id: "W-2", revenue: 40 }), shop.publishable_key);
    await expect.poll(() => got.filter((r) => r.body.data.transaction_id === "W-2").length, { timeout: 5000 }).toBe(1);
    await post(collector.url, `${E}/track`, seedPurchase({ transaction_id: "W-2", revenue: 45 }), shop.secret_key);
    await post(
      collector.url,
      `${E}/track`,
      { event_type: "refund", transaction_id: "W-1", revenue: 49.99 },
      shop.secret_key,
    );
    await post(
      collector.url,
      `${E}/track`,
      seedPurchase({
        transaction_id: "W-3",
        currency: "EUR",
        revenue: 20,
        items: [{ item_id: "sku_2", price: 10, quantity: 2 }],
      }),
      shop.secret_key,
    );
    const idle = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await post(
      collector.url,
      `${E}/track`,
      {
        event_type: "add_to_cart",
        cart_id: "c-1",
        anonymous_id: "a-1",
        timestamp: idle,
        items: [{ item_id: "sku_9", item_name: "Mug", price: 8, quantity: 3 }],
      },
      shop.publishable_key,
    );
    await expect
      .poll(
        () =>
          got
            .filter((r) => r.status === 200)
            .map((r) => `${r.body.type} ${r.body.data.transaction_id ?? r.body.data.cart_id}`)
            .sort(),
        { timeout: 30_000, interval: 250 },
      )
      .toEqual([
        "cart_abandoned c-1",
        "fraud_flagged W-3",
        "purchase W-1",
        "purchase W-2",
        "purchase W-3",
        "purchase.updated W-2",
        "refund W-1",
      ]);
    const updated = got.find((r) => r.body.type === "purchase.updated")!;
    expect(updated.body.data).toMatchObject({ transaction_id: "W-2", revenue: 45, seen_by: ["client", "server"] });
    expect(got.find((r) => r.body.type === "fraud_flagged")!.body.data).toMatchObject({
      revenue: expect.any(Number),
      currency: "USD",
      original_revenue: 20,
      original_currency: "EUR",
      rules: ["currency_restricted"],
    });
    expect(got.find((r) => r.body.type === "cart_abandoned")!.body.data).toMatchObject({
      cart_id: "c-1",
      value: 24,
      items: [{ item_id: "sku_9", item_name: "Mug", price: 8, quantity: 3 }],
    });
    for (const r of got) expect(validSignature(webhook.secret, r)).toBe(true);

    // Nothing delivered is sent again, after a while or a restart.
    const count = got.length;
    collector.child.kill("SIGKILL");
    running.splice(0);
    running.push(await startServe(["--db", db, "--port", "0", "--no-demo"]));
    await new Promise((r) => setTimeout(r, 2500));
    expect(got.length).toBe(count);
    expect(runCli(["webhook", "remove", "--db", db, "--id", webhook.id]).status).toBe(0);
    expect(JSON.parse(runCli(["webhook", "list", "--db", db, "--json"]).stdout)).toEqual([]);
  }, 120_000);
  it("refuse a loopback, link-local or private URL unless --allow-private, and check again after DNS when sending", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-webhooks-")), "shop.db");
    const shop = JSON.parse(
      runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]).stdout,
    );
    const { url: hook, got } = await startReceiver("none", 0);
    const localhost = hook.replace("127.0.0.1", "localhost");
    for (const [url, address] of [
      ["http://169.254.169.254/latest/meta-data", "169.254.169.254"],
      [localhost, "127.0.0.1"],
      ["http://10.1.2.3/in", "10.1.2.3"],
      ["http://[::1]:9/in", "::1"],
    ] as const) {
      const refused = runCli([
        "webhook",
        "add",
        "--db",
        db,
        "--appspace",
        shop.id,
        "--url",
        url,
        "--events",
        "purchase",
      ]);
      expect(refused.status, url).toBe(1);
      expect(refused.stderr.trim().split("\n"), url).toHaveLength(1);
      expect(refused.stderr, url).toContain(`is a private address (${address}): refused; pass --allow-private`);
    }
    expect(JSON.parse(runCli(["webhook", "list", "--db", db, "--json"]).stdout)).toEqual([]);
    // A row whose name pointed elsewhere when it was added (as after a DNS change): the send-time check stops it.
    const store = createSqliteStore({ file: db });
    await store.addWebhook({
      id: "wh_moved",
      appspace_id: shop.id,
      url: localhost,
      events: ["purchase"],
      secret: "whsec_x",
      created_at: Date.now(),
    });
    const collector = await startServe(["--db", db, "--port", "0", "--no-demo"]);
    running.push(collector);
    await post(collector.url, `${E}/track`, seedPurchase({ transaction_id: "P-1" }), shop.secret_key);
    const lastError = () =>
      store.db.prepare("SELECT last_error FROM webhook_deliveries").pluck().get() as string | null | undefined;
    await expect.poll(lastError, { timeout: 8000 }).toContain("refused: localhost is a private address (127.0.0.1)");
    expect(got).toEqual([]);
    await store.close();
  }, 30_000);
});
