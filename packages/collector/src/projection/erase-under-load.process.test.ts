import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServe, type Serving } from "../cli/run-cli.test-support.js";
import { cli, createShop, postBatch } from "../test-support/collector-process.js";

const NEEDLES = ["load-erase-42", "anon-load-7", "load-erased@example.com"];
const running: Serving[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.child.kill("SIGKILL");
});

const batch = async (url: string, key: string, events: unknown[]) => (await postBatch(url, key, events)).status;

const views = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    event_type: "view_item",
    anonymous_id: `${tag}-${i % 300}`,
    items: [{ item_id: `sku-${i % 40}`, price: 12, quantity: 1 }],
  }));

describe("erase while the collector is busy", () => {
  it("answers 200 mid-burst, and seconds later no byte of any database file holds the person", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-erase-load-"));
    const db = join(dir, "shop.db");
    const shop = createShop(db, "Shop");
    const other = createShop(db, "Other shop");
    // A receiver that never answers: every delivery about the person stays pending.
    cli([
      "webhook",
      "add",
      "--db",
      db,
      "--appspace",
      shop.id,
      "--url",
      "http://127.0.0.1:9/hook",
      "--events",
      "purchase,cart_abandoned",
      "--allow-private",
    ]);
    const collector = await startServe([
      "--db",
      db,
      "--port",
      "0",
      "--no-demo",
      "--limit-address",
      "off",
      "--limit-key",
      "off",
    ]);
    running.push(collector);

    const person = [
      { event_type: "add_to_cart", anonymous_id: "anon-load-7", items: [{ item_id: "sku-1", price: 10, quantity: 1 }] },
      {
        event_type: "purchase",
        transaction_id: "o-load",
        revenue: 10,
        anonymous_id: "anon-load-7",
        user_id: "load-erase-42",
        email: "load-erased@example.com",
        items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
      },
    ];
    expect(await batch(collector.url, shop.publishable_key, person)).toBe(200);

    // Both shops send at full speed while the erase is asked for.
    let sending = true;
    const burst = async (key: string, tag: string) => {
      const answers: number[] = [];
      for (let i = 0; sending; i++) answers.push(await batch(collector.url, key, views(100, `${tag}-${i}`)));
      return answers;
    };
    const senders = [
      burst(shop.publishable_key, "a"),
      burst(shop.publishable_key, "b"),
      burst(other.publishable_key, "c"),
    ];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const erased = await fetch(`${collector.url}/v1/api/analytics/user/load-erase-42`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${shop.secret_key}` },
    });
    const answer = await erased.text();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    sending = false;
    const statuses = (await Promise.all(senders)).flat();
    expect(erased.status, answer).toBe(200);
    expect(JSON.parse(answer)).toEqual({ ok: true, deleted_user_id: "load-erase-42" });
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // Seconds after, with the collector still running: every file of the database.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const files = readdirSync(dir).map((f) => join(dir, f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of NEEDLES) expect(bytes.includes(Buffer.from(needle)), `${file} holds ${needle}`).toBe(false);
    }
  }, 60_000);
});
