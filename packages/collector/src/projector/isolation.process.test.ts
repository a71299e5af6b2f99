import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServe, type Serving } from "../cli/run-cli.test-support.js";
import { createShop } from "../test-support/collector-process.js";
import { seedPurchase } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";

const E = "/v1/api/analytics/ecommerce";
const running: Serving[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.child.kill("SIGKILL");
});

const post = (url: string, path: string, body: unknown, key: string) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "user-agent": BROWSER_USER_AGENT },
    body: JSON.stringify(body),
  });

const views = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    event_type: "view_item",
    anonymous_id: `${tag}-${i % 500}`,
    items: [{ item_id: `sku-${i % 50}` }],
  }));

describe("a burst in one appspace, on a serving collector", () => {
  it("never makes another appspace's purchase wait, nor its ingest refused", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-isolation-")), "shop.db");
    const busy = createShop(db, "Busy shop");
    const quiet = createShop(db, "Quiet shop");
    // One test client sends the whole burst from one address and one key: the browser limits are off.
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

    // The busy shop acknowledges a backlog far larger than one projection slice.
    const bodies = Array.from({ length: 300 }, (_, i) => ({ events: views(100, `burst-${i}`) }));
    for (let i = 0; i < bodies.length; i += 20) {
      const answers = await Promise.all(
        bodies.slice(i, i + 20).map((b) => post(collector.url, `${E}/batch`, b, busy.publishable_key)),
      );
      for (const a of answers) expect(a.status).toBe(200);
    }
    const backlog = (await (await fetch(`${collector.url}/healthz/projection`)).json()) as { backlog_events: number };

    const sent = await post(collector.url, `${E}/track`, seedPurchase({ transaction_id: "quiet-1" }), quiet.secret_key);
    expect(sent.status).toBe(200);
    const asked = Date.now();
    const res = await fetch(`${collector.url}${E}/overview`, {
      headers: { authorization: `Bearer ${quiet.secret_key}` },
    });
    const waited = Date.now() - asked;
    expect(res.headers.get("tally-projection-lag")).toBeNull();
    expect(((await res.json()) as { total_orders: number }).total_orders).toBe(1);
    // Seen after a slice or two of the burst, not after all of it.
    const after = (await (await fetch(`${collector.url}/healthz/projection`)).json()) as { backlog_events: number };
    expect(backlog.backlog_events).toBeGreaterThan(10_000);
    expect(after.backlog_events).toBeGreaterThan(0);
    expect(waited).toBeLessThan(3000);
  }, 60_000);
});
