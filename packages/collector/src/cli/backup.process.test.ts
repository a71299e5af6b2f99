// `tally-collector backup` on a serving collector while senders stream purchases: the original
// keeps answering, and the copy — served, restarted, served again — holds every purchase
// acknowledged before the backup began, each exactly once.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli, query, serve, type Collector } from "../test-support/collector-process.js";
import { runCli, runCliAsync } from "./run-cli.test-support.js";

const SENDERS = 4;
const running: Collector[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

async function started(db: string) {
  const s = await serve(db);
  running.push(s);
  return s;
}

/** Each sender is one shopper buying one thing after another; every answer is recorded with its time. */
function streamPurchases(url: string, key: string) {
  const acknowledged: { id: string; at: number }[] = [];
  const failures: string[] = [];
  let stopping = false;
  const sender = async (k: number) => {
    for (let i = 0; !stopping; i++) {
      const id = `order-${k}-${i}`;
      const res = await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          event_type: "purchase",
          transaction_id: id,
          revenue: 1,
          currency: "USD",
          user_id: `shopper-${k}`,
        }),
      });
      const text = await res.text();
      if (res.status === 200) acknowledged.push({ id, at: Date.now() });
      else failures.push(`${res.status} ${text}`);
    }
  };
  const all = Promise.all(Array.from({ length: SENDERS }, (_, k) => sender(k)));
  return {
    acknowledged,
    failures,
    stop: () => {
      stopping = true;
      return all;
    },
  };
}

/** How many times each order id appears in the shoppers' journeys. */
async function ordersIn(url: string, key: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let k = 0; k < SENDERS; k++) {
    const { status, body } = await query(url, key, `user-journey?user_id=shopper-${k}`);
    expect(status).toBe(200);
    for (const event of body.events as { transaction_id?: string }[]) {
      if (event.transaction_id) seen.set(event.transaction_id, (seen.get(event.transaction_id) ?? 0) + 1);
    }
  }
  return seen;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("backup while ingest and projection go on", () => {
  it("copies every purchase acknowledged before it began, exactly once, and the original keeps serving", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-backup-"));
    const db = join(dir, "shop.db");
    const copy = join(dir, "shop-copy.db");
    const shop = JSON.parse(
      cli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]),
    ) as { id: string; secret_key: string };
    // One shopper buying hundreds of times a minute is what the velocity rule flags; here it is the load.
    cli(["appspace", "update", "--db", db, "--id", shop.id, "--fraud", "velocity=off"]);
    const original = await started(db);

    const load = streamPurchases(original.url, shop.secret_key);
    while (load.acknowledged.length < 600 && load.failures.length === 0) await sleep(50);
    const began = Date.now();
    const ran = await runCliAsync(["backup", "--db", db, "--to", copy]);
    await sleep(300);
    await load.stop();

    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(
      /^Backed up .*shop\.db and its inbox to .*shop-copy\.db and .*shop-copy\.db-inbox: [\d.]+ MB in [\d.]+ s \(\d+ MB\/s\)/,
    );
    expect(ran.stderr).toMatch(/^inbox +\[#{20}\] 100%/m);
    expect(ran.stderr).toMatch(/^database +\[#{20}\] 100%/m);
    expect(load.failures).toEqual([]);
    const before = load.acknowledged.filter((a) => a.at < began).map((a) => a.id);
    expect(before.length).toBeGreaterThanOrEqual(600);
    expect(load.acknowledged.length).toBeGreaterThan(before.length);

    // The original lost nothing to the backup and still answers.
    const live = await ordersIn(original.url, shop.secret_key);
    expect(live.size).toBe(load.acknowledged.length);
    expect([...live.values()].every((n) => n === 1)).toBe(true);

    // The copy, served on its own: every purchase acknowledged before the backup, once; nothing twice.
    for (let start = 0; start < 2; start++) {
      const restored = await started(copy);
      const orders = await ordersIn(restored.url, shop.secret_key);
      for (const id of before) expect(orders.get(id), id).toBe(1);
      if (start === 1) expect(orders.get("after-restore-0")).toBe(1);
      expect([...orders.values()].every((n) => n === 1)).toBe(true);
      expect([...orders.keys()].every((id) => live.has(id) || id.startsWith("after-restore-"))).toBe(true);
      const { body } = await query(restored.url, shop.secret_key, "overview");
      expect(body.total_orders).toBe(orders.size);
      // A purchase sent to the copy after the restore is counted too (its inbox numbers after the copy's position).
      const res = await fetch(`${restored.url}/v1/api/analytics/ecommerce/track`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${shop.secret_key}` },
        body: JSON.stringify({
          event_type: "purchase",
          transaction_id: `after-restore-${start}`,
          revenue: 1,
          currency: "USD",
          user_id: "shopper-0",
        }),
      });
      expect(res.status).toBe(200);
      expect((await query(restored.url, shop.secret_key, "overview")).body.total_orders).toBe(orders.size + 1);
      await running.pop()!.stop();
    }
  }, 90_000);

  it("refuses to overwrite, and on PostgreSQL says to use pg_dump, in one line each", () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-backup-"));
    const db = join(dir, "shop.db");
    cli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD"]);
    expect(runCli(["backup", "--db", db, "--to", join(dir, "one.db")]).status).toBe(0);
    const again = runCli(["backup", "--db", db, "--to", join(dir, "one.db")]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toMatch(
      /^tally-collector: .*one\.db already exists: backup never overwrites; choose another --to, or remove it first$/,
    );
    const missing = runCli(["backup", "--db", join(dir, "absent.db"), "--to", join(dir, "two.db")]);
    expect(missing.stderr.trim()).toMatch(/^tally-collector: no database at .*absent\.db/);
    expect(existsSync(join(dir, "two.db"))).toBe(false);
    const pg = runCli([
      "backup",
      "--db",
      "postgres://tally:secret@db.internal:5432/tally",
      "--to",
      join(dir, "three.db"),
    ]);
    expect(pg.status).toBe(1);
    expect(pg.stderr.trim().split("\n")).toEqual([
      "tally-collector: backup copies SQLite files; for PostgreSQL use pg_dump --format=custom and pg_restore (the README's Backups section shows both)",
    ]);
  }, 30_000);
});
