// The client against a real collector process (the built CLI on a temp SQLite file), asserted
// through the collector's query API: no mocked fetch.
import { derivedId } from "@tally/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { createClient, TallyRejectedError, type TallyError } from "./index.js";
import { startCollector, type Collector } from "./test-support/collector.js";

let collector: Collector;
afterEach(() => collector?.dispose());

const order = (id: string, revenue = 59.9) => ({
  transaction_id: id,
  revenue,
  currency: "USD",
  items: [{ item_id: "sku_1", item_name: "T-Shirt", price: revenue / 2, quantity: 2 }],
});

describe("exactly once", () => {
  it("a purchase sent twice, and again by a re-run job, is one order; a refund likewise", async () => {
    collector = await startCollector();
    const job = () => createClient({ key: collector.keys.secret_key, endpoint: collector.url });
    const first = job();
    await Promise.all([first.purchase(order("A-1001")), first.purchase(order("A-1001"))]);
    await first.refund({ transaction_id: "A-1001", revenue: 10, currency: "USD" });
    await first.close();
    const rerun = job();
    void rerun.purchase(order("A-1001"));
    void rerun.refund({ transaction_id: "A-1001", revenue: 10, currency: "USD" });
    await rerun.close();

    const overview = await collector.query("overview");
    expect(overview).toMatchObject({
      total_orders: 1,
      total_revenue: 59.9,
      total_items_sold: 2,
      total_refunds: 1,
      refund_amount: 10,
      net_revenue: 49.9,
    });
  });

  it("close() sends what is still waiting for its batch", async () => {
    collector = await startCollector();
    const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url, flushInterval: 60_000 });
    for (const id of ["C-1", "C-2", "C-3"]) void tally.purchase(order(id, 10));
    expect((await collector.query("overview")).total_orders).toBe(0);
    await tally.close();
    expect(await collector.query("overview")).toMatchObject({ total_orders: 3, total_revenue: 30 });
  });
});

describe("with the browser", () => {
  const anonymous = "0f8c5a12-3b4c-4d5e-8f60-718293a4b5c6";
  const session = "9d3a77b0-1c2d-4e3f-8a4b-5c6d7e8f9a0b";
  // The header a shop's server receives with the order request: the SDK's _tally among others.
  const cookie = `theme=dark; _tally=${encodeURIComponent(`${anonymous}.${session}`)}; cart=7`;
  const campaign = { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring" };
  const browserVisit = {
    anonymous_id: anonymous,
    session_id: session,
    context: { ...campaign, device_type: "mobile", page_path: "/product" },
  };

  /** A purchase exactly as the browser SDK sends it: its own derived event_id, the publishable key. */
  const browserPurchase = (id: string, revenue: number) => ({
    event_type: "purchase",
    event_id: derivedId(`${collector.keys.publishable_key}:purchase:${id}`),
    ...order(id, revenue),
    ...browserVisit,
  });

  it.each(["browser first", "server first"])(
    "merges the server's purchase with the browser's of the same order (%s)",
    async (arrival) => {
      collector = await startCollector();
      const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url });
      await collector.browserSend([
        { event_type: "view_item", items: [{ item_id: "sku_1", price: 29.95 }], ...browserVisit },
      ]);
      const server = () => tally.purchase({ ...order("M-1", 64.5), user_id: "user-7", cookie });
      if (arrival === "browser first") {
        await collector.browserSend([browserPurchase("M-1", 59.9)]);
        await server();
      } else {
        await server();
        await collector.browserSend([browserPurchase("M-1", 59.9)]);
      }
      await tally.close();

      // One order; the server's money wins; the browser's session keeps its campaign and device.
      expect(await collector.query("overview")).toMatchObject({ total_orders: 1, total_revenue: 64.5 });
      const { channels } = await collector.query("revenue-by-channel");
      expect(channels).toEqual([
        expect.objectContaining({
          source: "newsletter",
          medium: "email",
          campaign: "spring",
          orders: 1,
          revenue: 64.5,
        }),
      ]);
      const { devices } = await collector.query("revenue-by-device");
      expect(devices).toEqual([expect.objectContaining({ device_type: "mobile", orders: 1, revenue: 64.5 })]);
      // The server's user id stitches the browser's anonymous visitor: the view is in the journey.
      const { events } = await collector.query("user-journey?user_id=user-7");
      expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(["view_item", "purchase"]);
      // Both sides reported it.
      expect((await collector.query("coverage")).orders).toEqual({ both: 1, client_only: 0, server_only: 0 });
    },
  );

  it("identify links the browser's anonymous visitor to the user, from the cookie", async () => {
    collector = await startCollector();
    await collector.browserSend([
      { event_type: "view_item", items: [{ item_id: "sku_1", price: 29.95 }], ...browserVisit },
    ]);
    const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url });
    await tally.identify("user-8", { cookie });
    await tally.close();
    const { events } = await collector.query("user-journey?user_id=user-8");
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(["view_item"]);
  });

  it("a session the browser sent nothing in still gets its campaign, from the cookie", async () => {
    collector = await startCollector();
    const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url });
    // As the SDK writes it after a landing page with a campaign: ids, then the UTM query.
    const withCampaign = `_tally=${encodeURIComponent(`${anonymous}.${session}.${new URLSearchParams(campaign)}`)}`;
    await tally.purchase({ ...order("S-2", 30), cookie: withCampaign });
    await tally.purchase({ ...order("S-3", 20), cookie: withCampaign, context: { utm_source: "partner" } });
    await tally.close();
    const { channels } = await collector.query("revenue-by-channel");
    expect(channels).toEqual([
      expect.objectContaining({ source: "newsletter", medium: "email", campaign: "spring", orders: 1, revenue: 30 }),
      expect.objectContaining({ source: "partner", medium: null, campaign: null, orders: 1, revenue: 20 }),
    ]);
  });

  it("a server purchase the browser never sent joins the browser's session through the cookie", async () => {
    collector = await startCollector();
    await collector.browserSend([
      { event_type: "view_item", items: [{ item_id: "sku_1", price: 29.95 }], ...browserVisit },
    ]);
    const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url });
    await tally.purchase({ ...order("S-1", 40), cookie });
    await tally.close();
    const { channels } = await collector.query("revenue-by-channel");
    expect(channels).toEqual([
      expect.objectContaining({ source: "newsletter", campaign: "spring", orders: 1, revenue: 40 }),
    ]);
  });
});

describe("failures", () => {
  it("a collector that is down, then up: retried, nothing lost, nothing doubled", async () => {
    collector = await startCollector();
    await collector.stop();
    const errors: TallyError[] = [];
    const tally = createClient({
      key: collector.keys.secret_key,
      endpoint: collector.url,
      retry: { limit: 60, delay: 100, maxDelay: 400 },
      onError: (e) => errors.push(e),
    });
    const calls = Array.from({ length: 150 }, (_, i) => tally.purchase(order(`D-${i}`, 10)));
    await new Promise((r) => setTimeout(r, 1500));
    await collector.start();
    await Promise.all(calls);
    await tally.close();
    expect(errors).toEqual([]);
    expect(await collector.query("overview")).toMatchObject({ total_orders: 150, total_revenue: 1500 });
  });

  it("a wrong secret key is refused with the collector's message", async () => {
    collector = await startCollector();
    const tally = createClient({ key: "sk_not_a_key_of_this_collector", endpoint: collector.url, flushInterval: 0 });
    const error = await tally.purchase(order("W-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyRejectedError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/api\/analytics\/ecommerce\/batch answered 401: /,
    );
  });

  it("an event the collector skips in a batch rejects that call only", async () => {
    collector = await startCollector();
    const tally = createClient({ key: collector.keys.secret_key, endpoint: collector.url });
    const good = tally.purchase(order("P-1", 20));
    const bad = tally.purchase({ ...order("P-2", 20), currency: "XYZ" });
    await expect(good).resolves.toBeUndefined();
    const error = await bad.catch((e) => e);
    expect(error).toBeInstanceOf(TallyRejectedError);
    expect(error.message).toMatch(/^purchase \S+ was skipped by the collector: .*currency/i);
    await expect(tally.close()).rejects.toBe(error);
    expect(await collector.query("overview")).toMatchObject({ total_orders: 1, total_revenue: 20 });
  });
});
