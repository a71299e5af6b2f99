import { describe, expect, it } from "vitest";
import { createAppspace } from "../appspaces/create-appspace.js";
import { harness, NOW, seedPurchase, TRACK } from "../test-support/harness.js";

const Q = "/v1/api/analytics/ecommerce";
const DAY = 86_400_000;
/** 807 below `bigint`'s largest value: one more maximal event passes it. */
const NEAR_MAX = 9_223_372_036_854_775_000;
/** The largest amount the door lets through, in USD minor units. */
const MAX_AMOUNT = 1e13;

/** Every money column of the read model a day's events add up. */
const MONEY_COLUMNS: Record<string, string[]> = {
  fact_days: ["revenue", "refund_amount", "anon_revenue"],
  breakdown_days: ["revenue", "discount"],
  product_days: ["revenue"],
  channel_days: ["revenue"],
  cart_totals: ["abandoned_value"],
  cohort_cells: ["revenue"],
  cart_days: ["added", "removed"],
};

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-12);

describe("sums that cannot overflow", () => {
  it("a day's sums past bigint keep projecting and answering, for this shop and its neighbour", async () => {
    const h = await harness();
    const get = async (path: string, key = h.shop.secret_key) => {
      const res = await h.app.request(`${Q}/${path}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const purchase = (id: string, ts: number, revenue: number, price: number) =>
      seedPurchase({
        transaction_id: id,
        timestamp: new Date(ts).toISOString(),
        revenue,
        discount: 0,
        shipping: 0,
        tax: 0,
        items: [{ item_id: "sku_1", item_name: "T-Shirt", price, quantity: 1 }],
      });
    for (const [id, ts] of [
      ["o1", NOW - DAY],
      ["o2", NOW - 1000],
    ] as const) {
      expect((await h.post(TRACK, purchase(id, ts, 10, 10), h.shop.secret_key)).status).toBe(200);
    }
    const [{ seq }] = await h.rows<{ seq: number }>("SELECT seq FROM appspaces WHERE id = ?", h.shop.id);
    // Two days already near the edge, as enough maximal events would leave them.
    for (const [table, columns] of Object.entries(MONEY_COLUMNS)) {
      const set = columns.map((c) => `${c} = ${NEAR_MAX}`).join(", ");
      await h.run(`UPDATE ${table} SET ${set} WHERE appspace_seq IN (?, ?)`, seq, -seq!);
    }
    // One more maximal purchase on the second day passes bigint in every money column it adds to.
    const res = await h.post(TRACK, purchase("o3", NOW - 500, MAX_AMOUNT / 100, MAX_AMOUNT / 100), h.shop.secret_key);
    expect(res.status).toBe(200);

    // The neighbour's purchase, sent after, is projected: nothing stalled.
    const neighbour = await createAppspace(h.store, { name: "Neighbour", currency: "USD", now: NOW });
    expect((await h.post(TRACK, purchase("n1", NOW - 100, 5, 5), neighbour.secret_key)).status).toBe(200);
    expect((await get("overview?days=7", neighbour.secret_key)).body).toMatchObject({
      total_orders: 1,
      total_revenue: 5,
    });
    expect(await h.rows("SELECT * FROM inbox_rejected")).toEqual([]);

    // The shop's answers: every sum over both days, exact to a double's precision.
    const overview = await get("overview?days=7");
    expect(overview.status).toBe(200);
    expect(overview.body.total_orders).toBe(3);
    close(overview.body.total_revenue as number, (2 * NEAR_MAX + MAX_AMOUNT) / 100);
    const products = await get("top-products?days=7");
    expect(products.status).toBe(200);
    close((products.body.products as Array<{ revenue: number }>)[0]!.revenue, (2 * NEAR_MAX + MAX_AMOUNT) / 100);
    for (const path of [
      "revenue-by-channel",
      "revenue-by-coupon",
      "cart-abandonment",
      "cohorts",
      "revenue-timeseries",
    ]) {
      const answer = await get(`${path}?days=7`);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
    const coupons = (await get("revenue-by-coupon?days=7")).body.coupons as Array<{ revenue: number }>;
    close(coupons[0]!.revenue, (2 * NEAR_MAX + MAX_AMOUNT) / 100);
  });
});
