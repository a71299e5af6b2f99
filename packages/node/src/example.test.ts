// examples/server-purchase as its README tells it: the shop's backend sends the confirmed order
// with the browser's cookie, the thank-you page sends the browser's purchase, and the collector
// shows one order. The browser's part is played over HTTP exactly as the SDK does it (its cookie
// format, its derived event_id, the publishable key); e2e/ covers the SDK in Chromium.
import { derivedId } from "@tally/sdk";
import { afterEach, expect, it } from "vitest";
// @ts-expect-error the example server is plain JavaScript
import { startShop } from "../../../examples/server-purchase/server.mjs";
import { startCollector, type Collector } from "./test-support/collector.js";

let collector: Collector;
let shop: { url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await shop?.close();
  await collector?.dispose();
});

it("the example shop's order is one order, joined to the browser's visit and campaign", async () => {
  collector = await startCollector();
  const { publishable_key: key, secret_key: secret } = collector.keys;
  const started: { url: string; close(): Promise<void> } = await startShop({ collector: collector.url, key, secret });
  shop = started;

  const cartPage = await (await fetch(`${started.url}/`)).text();
  expect(cartPage).toContain(`<script async src="${collector.url}/tally.js" data-key="${key}"></script>`);

  // What the SDK did on the cart page, reached from a campaign: no event, only its _tally cookie.
  const visit = {
    anonymous_id: "7b1e2f3a-4c5d-4e6f-8a7b-9c0d1e2f3a4b",
    session_id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  };
  const cookie = `_tally=${encodeURIComponent(`${visit.anonymous_id}.${visit.session_id}.utm_source=newsletter&utm_campaign=spring`)}`;

  const paid = await fetch(`${started.url}/checkout`, { method: "POST", headers: { cookie }, redirect: "manual" });
  expect(paid.status).toBe(303);
  const thanks = await (
    await fetch(new URL(paid.headers.get("location")!, started.url), { headers: { cookie } })
  ).text();
  const pushed = JSON.parse(/hrq\.push\(\["purchase", (\{.*?\}), function/.exec(thanks)![1]!);
  expect(pushed).toMatchObject({ transaction_id: "ORD-1001", revenue: 49.98 });
  await collector.browserSend([
    {
      event_type: "purchase",
      event_id: derivedId(`${key}:purchase:${pushed.transaction_id}`),
      ...pushed,
      ...visit,
      context: { utm_source: "newsletter", utm_campaign: "spring", device_type: "mobile" },
    },
  ]);
  await started.close();
  shop = undefined;

  expect(await collector.query("overview")).toMatchObject({
    total_orders: 1,
    total_revenue: 49.98,
    total_items_sold: 2,
  });
  const { channels } = await collector.query("revenue-by-channel");
  expect(channels).toEqual([
    expect.objectContaining({ source: "newsletter", campaign: "spring", orders: 1, revenue: 49.98 }),
  ]);
  const { devices } = await collector.query("revenue-by-device");
  expect(devices).toEqual([expect.objectContaining({ device_type: "mobile", orders: 1, revenue: 49.98 })]);
});
