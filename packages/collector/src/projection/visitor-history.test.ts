import { describe, expect, it } from "vitest";
import { BATCH, harness, NOW, type Harness } from "../test-support/harness.js";
import { expectSameAsRebuilt } from "../test-support/read-model-check.js";
import { ensureReadModel } from "./rebuild.js";

const DAY = 86_400_000;
const at = (daysAgo: number, minutes = 0) => new Date(NOW - daysAgo * DAY + minutes * 60_000).toISOString();

/** One visitor's earlier visit: a campaign session that viewed and carted, and a page of its own. */
const firstVisit = [
  {
    event_type: "view_item",
    anonymous_id: "anon-r",
    user_id: "user-r",
    session_id: "visit-1",
    timestamp: at(20),
    utm_source: "newsletter",
    utm_medium: "email",
    utm_campaign: "spring",
    items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
  },
  {
    event_type: "add_to_cart",
    anonymous_id: "anon-r",
    user_id: "user-r",
    session_id: "visit-1",
    timestamp: at(20, 5),
    items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
  },
  { event_type: "page_view", anonymous_id: "anon-r", timestamp: at(15) },
];

/** Its return: a purchase in a new session, whose attribution and funnel need the earlier visit. */
const purchase = {
  event_type: "purchase",
  transaction_id: "order-r",
  anonymous_id: "anon-r",
  user_id: "user-r",
  session_id: "visit-2",
  timestamp: at(2),
  revenue: 10,
  currency: "USD",
  items: [{ item_id: "sku-1", price: 10, quantity: 1 }],
};

const histories = async (h: Harness) =>
  (await h.rows<{ key: string; data: string }>("SELECT key, data FROM rollups WHERE kind = 'h' ORDER BY key")).map(
    (r) => `${r.key} ${r.data}`,
  );

describe("visitor histories kept beside the rollups", () => {
  it("hold every visitor with events, so a step that adds to a visitor counts its earlier events unread", async () => {
    const h = await harness();
    await h.post(BATCH, { events: firstVisit }, h.shop.secret_key);
    const kept = await histories(h);
    expect(kept.map((k) => k.split(" ")[0])).toEqual(["user-r"]);
    await h.post(BATCH, { events: [purchase] }, h.shop.secret_key);
    await expectSameAsRebuilt(h);
  });

  it("are built at start for a database written before them, before a returning visitor is projected", async () => {
    const h = await harness();
    await h.post(BATCH, { events: firstVisit }, h.shop.secret_key);
    const written = await histories(h);
    // A database as the previous version left it: no histories, and the migration's mark.
    await h.run("DELETE FROM rollups WHERE kind = 'h'");
    await h.run(
      h.kind === "sqlite"
        ? "UPDATE read_model_state SET built = 0"
        : "UPDATE schema_version SET read_model_built = false",
    );
    await ensureReadModel(h.store);
    expect(await histories(h)).toEqual(written);
    await h.post(BATCH, { events: [purchase] }, h.shop.secret_key);
    await expectSameAsRebuilt(h);
  });
});
