import { expect } from "vitest";
import { BATCH, NOW, type Harness } from "./harness.js";
import { BROWSER_USER_AGENT } from "./browser.js";

const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
export const NEEDLES = ["erase-me-42", "anon-erase-7", "erased@example.com"];

/** A person's visit and order, with webhooks that will not be delivered (pending), a watched cart, and an entry moved aside that names them. */
export async function person(h: Harness) {
  await h.store.addWebhook({
    id: "wh_1",
    appspace_id: h.shop.id,
    url: "http://127.0.0.1:9/hook",
    events: ["purchase", "refund", "cart_abandoned"],
    secret: "whsec_x",
    created_at: NOW,
    allow_private: true,
  });
  const events = [
    {
      event_type: "add_to_cart",
      anonymous_id: "anon-erase-7",
      session_id: "s-erase",
      items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
      timestamp: at(30),
    },
    {
      event_type: "purchase",
      transaction_id: "o-erase",
      revenue: 10,
      anonymous_id: "anon-erase-7",
      session_id: "s-erase",
      user_id: "erase-me-42",
      email: "erased@example.com",
      items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
      timestamp: at(20),
    },
    { event_type: "purchase", transaction_id: "o-keep", revenue: 7, user_id: "someone-else", timestamp: at(10) },
  ];
  expect((await h.post(BATCH, { events }, h.shop.publishable_key, { "user-agent": BROWSER_USER_AGENT })).status).toBe(
    200,
  );
  const seq = (await h.store.findAppspaceById(h.shop.id))!.seq;
  // An entry this collector cannot read, naming the person: moved aside by the projector.
  await h.store.append([{ appspaceSeq: seq, text: JSON.stringify({ v: 99, note: "erase-me-42" }), events: 1 }]);
  // A readable entry moved aside (its second event cannot be projected), holding the person's
  // event and someone else's: the erase keeps the other's.
  const mixed = [
    { event_type: "view_cart", user_id: "erase-me-42" },
    { event_type: "purchase", user_id: "kept-aside-person" },
  ];
  const entry = { v: 1, f: { appspace: { seq } }, l: null, k: null, i: null, s: "list", b: mixed };
  await h.store.append([{ appspaceSeq: seq, text: JSON.stringify(entry), events: 2 }]);
  await h.app.projector.drain();
  expect(JSON.stringify(await h.rows("SELECT body FROM webhook_deliveries"))).toContain("erase-me-42");
  expect(JSON.stringify(await h.rows("SELECT body FROM inbox_rejected"))).toContain("erase-me-42");
}

export const erase = (h: Harness) =>
  h.app.request("/v1/api/analytics/user/erase-me-42", {
    method: "DELETE",
    headers: { authorization: `Bearer ${h.shop.secret_key}` },
  });
