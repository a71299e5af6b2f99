// The monthly quota through HTTP on real SQLite files: what counts, and one count shared by two
// collectors on the same database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW, seedPurchase, TRACK, testApp } from "../test-support/harness.js";
import { monthOf } from "./month.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";

describe("the monthly quota", () => {
  it("counts every accepted event whatever its key, bot-blocked ones too, and refuses only publishable-key events once reached", async () => {
    const h = await harness();
    await h.store.updateAppspace(h.shop.id, { quota: 3 });
    const sk = h.shop.secret_key;
    const pk = h.shop.publishable_key;
    const browser = { "user-agent": BROWSER_USER_AGENT };
    expect((await h.post(TRACK, seedPurchase({ event_id: "a" }), sk)).status).toBe(200);
    expect(
      (await h.post(TRACK, seedPurchase({ event_id: "bot", transaction_id: "o2" }), pk, { "user-agent": "curl/8" }))
        .status,
    ).toBe(200);
    expect((await h.post(TRACK, seedPurchase({ event_id: "b", transaction_id: "o5" }), pk, browser)).status).toBe(200);
    // Reached: the browser's next event is refused, the shop's own server purchase is not, and counts.
    const refused = await h.post(TRACK, seedPurchase({ event_id: "c", transaction_id: "o3" }), pk, browser);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: "Ecommerce event quota exceeded", code: "ingest.quota_exceeded" });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await h.post(TRACK, seedPurchase({ event_id: "d", transaction_id: "o4" }), sk)).status).toBe(200);
    expect(
      (await h.post(BATCH, { events: [{ event_type: "refund", event_id: "r", transaction_id: "o4", revenue: 1 }] }, sk))
        .status,
    ).toBe(200);
    // The blocked event's id counts as seen: its retry is a repeat, answered and not counted.
    expect((await h.post(TRACK, seedPurchase({ event_id: "bot", transaction_id: "o2" }), sk)).status).toBe(200);
    expect(await h.store.quotaUsage((await h.store.findAppspaceById(h.shop.id))!.seq, monthOf(NOW))).toBe(5);
    // A new month starts a new count.
    h.clock.now = Date.parse("2026-04-01T00:00:00Z");
    expect(
      (await h.post(BATCH, { events: [seedPurchase({ event_id: "e", transaction_id: "o6" })] }, pk, browser)).status,
    ).toBe(200);
  });

  it("is one count for every collector on the database", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tally-quota-")), "shop.db");
    const h = await harness({ file, quotaRefreshMs: 50, clock: () => NOW });
    await h.store.updateAppspace(h.shop.id, { quota: 4 });
    // A second collector: its own store on the same data (the same file, or the same PostgreSQL schema).
    const other = await h.reopen();
    const second = testApp(other, { quotaRefreshMs: 50 });
    const send = (app: typeof second, n: number, events: number) =>
      app.request(BATCH, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${h.shop.publishable_key}`,
          "user-agent": BROWSER_USER_AGENT,
        },
        body: JSON.stringify({
          events: Array.from({ length: events }, (_, i) =>
            seedPurchase({ event_id: `e${n}-${i}`, transaction_id: `o${n}-${i}` }),
          ),
        }),
      });
    try {
      expect((await send(h.app, 1, 3)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 60));
      expect((await send(second, 2, 2)).status).toBe(429);
      expect((await send(second, 3, 1)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 60));
      expect((await send(h.app, 4, 1)).status).toBe(429);
    } finally {
      await second.projector.stop();
      await other.close();
    }
  });
});
