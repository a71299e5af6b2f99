import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMPACT_EVERY } from "../stores/sqlite/inbox.queries.js";
import { BATCH, harness, NOW, seedPurchase, TRACK, testApp } from "../test-support/harness.js";
import { randomUUID } from "node:crypto";
import { createProjector } from "./projector.js";
import { decodeEntry } from "../ingest/inbox-entry.js";
import { createAppspace } from "../appspaces/create-appspace.js";

const OVERVIEW = "/v1/api/analytics/ecommerce/overview";
const seqOf = async (h: Awaited<ReturnType<typeof harness>>) => (await h.store.findAppspaceById(h.shop.id))!.seq;
const tempFile = () => join(mkdtempSync(join(tmpdir(), "tally-projector-")), "shop.db");
const views = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    event_type: "view_item",
    anonymous_id: `${tag}-${i}`,
    items: [{ item_id: "sku" }],
  }));

/** POST without waiting for the projector, as a client sees it. */
const send = (
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  key: string,
) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

const overview = async (
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  key: string,
) => {
  const res = await app.request(OVERVIEW, { headers: { authorization: `Bearer ${key}` } });
  return { lag: res.headers.get("tally-projection-lag"), body: await res.json() };
};

describe("the inbox", () => {
  it("acknowledges into the inbox and derives nothing until the projector runs", async () => {
    const h = await harness();
    await h.app.projector.stop();
    const res = await send(h.app, BATCH, { events: [seedPurchase(), ...views(4, "v")] }, h.shop.publishable_key);
    expect(await res.json()).toEqual({ ok: true, accepted: 5 });
    expect(await h.store.positions()).toEqual({ appended: 1, projected: 0, backlogEvents: 5 });
    expect(await h.store.positions(await seqOf(h))).toEqual({ appended: 1, projected: 0, backlogEvents: 5 });
    expect(await h.store.pendingAppspaces()).toEqual([await seqOf(h)]);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);

    const projector = createProjector({ store: h.store });
    await projector.drain();
    expect(await h.store.positions()).toEqual({ appended: 1, projected: 1, backlogEvents: 0 });
    expect(await h.store.pendingAppspaces()).toEqual([]);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 5 }]);
  });

  it("applies an entry once however often projection runs, and removes applied entries", async () => {
    const h = await harness();

    let largest = 0;
    for (let i = 0; i < 600; i++) {
      await h.post(TRACK, { event_type: "view_item", items: [{ item_id: `sku-${i}` }] }, h.shop.publishable_key);
      largest = Math.max(largest, await h.inboxEntries());
    }
    // The inbox stays small: applied entries are removed as new ones arrive.
    expect(largest).toBeLessThanOrEqual(COMPACT_EVERY + 1);
    const again = await h.store.project(await seqOf(h), 10_000, () => {
      throw new Error("nothing is left to decode");
    });
    expect(again).toEqual({
      appspace: await seqOf(h),
      entries: 0,
      events: 0,
      position: 600,
      rejected: [],
      backlogEvents: 0,
    });
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 600 }]);
    expect(await h.store.positions()).toEqual({ appended: 600, projected: 600, backlogEvents: 0 });
  });

  it("moves an entry it cannot read aside with the reason, and goes on with the next", async () => {
    const logged: string[] = [];
    const h = await harness({ log: (m) => logged.push(m) });
    await h.app.projector.stop();
    await h.store.append([
      { appspaceSeq: await seqOf(h), text: "{not json", events: 1 },
      { appspaceSeq: await seqOf(h), text: JSON.stringify({ v: 99, b: [] }), events: 1 },
    ]);
    await send(h.app, TRACK, seedPurchase(), h.shop.publishable_key);
    const projector = createProjector({ store: h.store, log: (m) => logged.push(m) });
    await projector.drain();
    expect(await h.rows("SELECT seq, reason FROM inbox_rejected ORDER BY seq")).toEqual([
      { seq: 1, reason: "inbox entry is not valid JSON" },
      { seq: 2, reason: "inbox entry version 99 is not one this collector reads (1)" },
    ]);
    expect(logged.filter((m) => m.includes("moved aside"))).toHaveLength(2);
    expect(await h.rows("SELECT transaction_id FROM events")).toEqual([{ transaction_id: "order_456" }]);
  });
});

describe("read-after-acknowledge", () => {
  it("a query right after an acknowledged ingest reflects it", async () => {
    const h = await harness();
    for (let i = 0; i < 20; i++) {
      await send(h.app, TRACK, seedPurchase({ transaction_id: `o${i}`, revenue: 10 }), h.shop.publishable_key);
      const { body, lag } = await overview(h.app, h.shop.secret_key);
      expect(lag).toBeNull();
      expect(body.total_orders).toBe(i + 1);
    }
  });

  it("past the bound, answers with what is projected and says how far behind it is", async () => {
    // The wait is measured on the collector's clock: a real one here.
    const h = await harness({ readWaitMs: 50, clock: Date.now });
    await h.post(TRACK, seedPurchase({ transaction_id: "first" }), h.shop.publishable_key);
    await h.app.projector.stop();
    await send(h.app, TRACK, seedPurchase({ transaction_id: "second" }), h.shop.publishable_key);
    const { body, lag } = await overview(h.app, h.shop.secret_key);
    expect(body.total_orders).toBe(1);
    expect(Number(lag)).toBeGreaterThanOrEqual(50);
  });

  it("after a restart, queries wait for the backlog a crash left", async () => {
    const file = tempFile();
    const h = await harness({ file });
    await h.app.projector.stop();
    for (let i = 0; i < 30; i++)
      await send(
        h.app,
        BATCH,
        { events: [seedPurchase({ transaction_id: `o${i}` }), ...views(9, `r${i}`)] },
        h.shop.publishable_key,
      );
    await h.store.close();

    const store = await h.reopen();
    expect((await store.positions()).backlogEvents).toBe(300);
    const app = testApp(store, { log: () => {} });
    const { body, lag } = await overview(app, h.shop.secret_key);
    expect(lag).toBeNull();
    expect(body.total_orders).toBe(30);
    await app.projector.stop();
    await store.close();
  });
});

describe("back-pressure", () => {
  it("answers 503 with Retry-After while projection is too far behind, and accepts again once it caught up", async () => {
    const h = await harness({ maxBacklogEvents: 10 });
    await h.app.projector.stop();
    expect((await send(h.app, BATCH, { events: views(20, "a") }, h.shop.publishable_key)).status).toBe(200);
    for (const path of [BATCH, TRACK]) {
      const refused = await send(
        h.app,
        path,
        path === BATCH ? { events: views(1, "b") } : views(1, "b")[0],
        h.shop.publishable_key,
      );
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("2");
      expect(await refused.json()).toEqual({
        error: "The collector is catching up; send again shortly",
        code: "ingest.behind",
      });
    }
    const hr = await h.app.request("/serve/collect/conversion", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ websiteUuid: h.shop.website_id, orderNumber: "hr-1", total: 5, productNumbers: ["p"] }),
    });
    expect(hr.status).toBe(503);
    expect(await hr.json()).toEqual({ success: false, message: "The collector is catching up; send again shortly" });

    const app = testApp(h.store, { maxBacklogEvents: 10, log: () => {} });
    await app.projector.drain();
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 20 }]);
    expect((await send(app, BATCH, { events: views(1, "c") }, h.shop.publishable_key)).status).toBe(200);
    await app.projector.stop();
  });
});

describe("appspaces apart", () => {
  it("one appspace's backlog never queues another's entries behind it", async () => {
    const h = await harness({ sliceEvents: 100 });
    await h.app.projector.stop();
    const other = await createAppspace(h.store, { name: "Neighbour", currency: "USD", now: NOW });
    // A burst in the shop: 3,000 events waiting, in 30 entries.
    for (let i = 0; i < 30; i++) await send(h.app, BATCH, { events: views(100, `burst${i}`) }, h.shop.publishable_key);
    // Then one purchase in the neighbour.
    await send(h.app, TRACK, seedPurchase({ transaction_id: "neighbour-1" }), other.publishable_key);
    expect(await h.store.pendingAppspaces()).toEqual([await seqOf(h), (await h.store.findAppspaceById(other.id))!.seq]);

    const app = testApp(h.store, { sliceEvents: 100, log: () => {} });
    const { body, lag } = await overview(app, other.secret_key);
    expect(lag).toBeNull();
    expect(body.total_orders).toBe(1);
    // The neighbour's purchase was visible after one slice of the burst, not after all of it.
    const burst = await h.store.positions(await seqOf(h));
    expect(burst.backlogEvents).toBeGreaterThanOrEqual(2000);
    await app.projector.drain();
    expect((await h.store.positions()).backlogEvents).toBe(0);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 3001 }]);
    await app.projector.stop();
  });

  it("back-pressure is per appspace: a burst is refused its own events only", async () => {
    const h = await harness({ maxBacklogEvents: 10 });
    await h.app.projector.stop();
    const other = await createAppspace(h.store, { name: "Neighbour", currency: "USD", now: NOW });
    expect((await send(h.app, BATCH, { events: views(20, "a") }, h.shop.publishable_key)).status).toBe(200);
    expect((await send(h.app, BATCH, { events: views(1, "b") }, h.shop.publishable_key)).status).toBe(503);
    expect((await send(h.app, BATCH, { events: views(5, "c") }, other.publishable_key)).status).toBe(200);
  });
});

describe("an entry that fails to project", () => {
  it("is tried alone, then moved aside with its reason and appspace, while the rest of its appspace and the others go on", async () => {
    const h = await harness();
    await h.app.projector.stop();
    const other = await createAppspace(h.store, { name: "Neighbour", currency: "USD", now: NOW });
    await send(h.app, TRACK, seedPurchase({ transaction_id: "before" }), h.shop.secret_key);
    await send(h.app, TRACK, seedPurchase({ transaction_id: "poison" }), h.shop.secret_key);
    await send(h.app, TRACK, seedPurchase({ transaction_id: "after" }), h.shop.secret_key);
    await send(h.app, TRACK, seedPurchase({ transaction_id: "neighbour" }), other.secret_key);
    const logged: string[] = [];
    const setAside: number[] = [];
    const projector = createProjector({
      store: h.store,
      log: (m) => logged.push(m),
      onSetAside: (appspace) => setAside.push(appspace),
      // An entry whose event the database refuses (event_type NOT NULL), as an unknown fault would.
      decode: (text) => {
        const entry = decodeEntry(text, () => randomUUID());
        if (text.includes('"poison"')) for (const e of entry.events) (e as { event_type: unknown }).event_type = null;
        return entry;
      },
    });
    await projector.drain();
    await projector.stop();
    const shop = await seqOf(h);
    expect(await h.rows("SELECT transaction_id FROM events ORDER BY transaction_id")).toEqual([
      { transaction_id: "after" },
      { transaction_id: "before" },
      { transaction_id: "neighbour" },
    ]);
    expect(await h.rows("SELECT appspace_seq, reason FROM inbox_rejected")).toEqual([
      { appspace_seq: shop, reason: expect.stringMatching(/event_type|null/i) },
    ]);
    expect(setAside).toEqual([shop]);
    expect(logged.filter((m) => m.includes("failed to project"))).toHaveLength(1);
    expect(await h.store.pendingAppspaces()).toEqual([]);
  });
});

describe("key lookups", () => {
  it("are reused for a moment, and a revoked key stops working within it", async () => {
    // Long enough that a loaded database (a Citus cluster sharing the cores) answers within it.
    const h = await harness({ keyCacheMs: 1_000 });
    const view = { event_type: "view_cart" };
    expect((await send(h.app, TRACK, view, h.shop.publishable_key)).status).toBe(200);
    await h.run("UPDATE api_keys SET revoked_at = 1");
    expect((await send(h.app, TRACK, view, h.shop.publishable_key)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await send(h.app, TRACK, view, h.shop.publishable_key)).status).toBe(401);
  });
});
