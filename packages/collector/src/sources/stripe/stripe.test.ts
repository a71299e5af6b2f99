import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { browserPurchase, orderRows, sourceHarness } from "../platform/deliver.test-support.js";
import { NOW } from "../../test-support/harness.js";
import { charge, checkoutSession, paymentIntent, stripeEvent } from "./stripe.fixtures.test-support.js";

const SECRET = "whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";
const created = Math.floor(NOW / 1000) - 60;

async function stripe() {
  const s = await sourceHarness("stripe", SECRET);
  /** Sends an event signed by Stripe's own library, as Stripe would (`timestamp` in Unix seconds). */
  const send = (
    event: Record<string, unknown>,
    options: { timestamp?: number; secret?: string; body?: (payload: string) => string } = {},
  ) => {
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? SECRET,
      timestamp: options.timestamp ?? Math.floor(NOW / 1000),
    });
    return s.deliver(options.body ? options.body(payload) : payload, {
      "stripe-signature": header,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    });
  };
  return { ...s, send };
}

describe("Stripe webhooks", () => {
  it("a paid checkout session becomes a server-side purchase: metadata.order_id, minor units, totals, customer", async () => {
    const { h, send } = await stripe();
    const res = await send(stripeEvent("checkout.session.completed", checkoutSession({ orderId: "ORD-77" }), created));
    expect(res.status).toBe(200);
    const [order] = await h.rows("SELECT * FROM events");
    expect(order).toMatchObject({
      event_type: "purchase",
      transaction_id: "ORD-77",
      revenue: 5400,
      currency: "USD",
      discount: 500,
      shipping: 700,
      tax: 200,
      email: "buyer@example.com",
      user_id: "cus-42",
      seen_by: 2,
      ts: created * 1000,
    });
  });

  it("takes client_reference_id, else the session id, as the order id, and JPY as it is (no minor units)", async () => {
    const { h, send } = await stripe();
    await send(
      stripeEvent(
        "checkout.session.completed",
        checkoutSession({ id: "cs_1", intent: "pi_1", clientReference: "cart-9" }),
        created,
      ),
    );
    await send(
      stripeEvent(
        "checkout.session.async_payment_succeeded",
        checkoutSession({ id: "cs_2", intent: "pi_2", currency: "jpy", total: 4500 }),
        created,
      ),
    );
    await send(
      stripeEvent("checkout.session.completed", checkoutSession({ id: "cs_3", intent: "pi_3", paid: false }), created),
    );
    expect((await orderRows(h)).map((r) => [r.transaction_id, r.revenue, r.currency])).toEqual([
      ["cart-9", 5400, "USD"],
      ["cs_2", 4500, "JPY"],
    ]);
  });

  it("answers 400 for a missing, wrong or stale signature and a body changed after signing, storing nothing", async () => {
    const { h, send, deliver } = await stripe();
    const event = stripeEvent("checkout.session.completed", checkoutSession({ orderId: "ORD-1" }), created);
    const missing = await deliver(JSON.stringify(event), {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "source.invalid_signature" });
    expect((await send(event, { secret: "whsec_other" })).status).toBe(400);
    expect((await send(event, { timestamp: Math.floor(NOW / 1000) - 301 })).status).toBe(400);
    expect((await send(event, { body: (p) => p.replace("5400", "1") })).status).toBe(400);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
    expect((await send(event, { timestamp: Math.floor(NOW / 1000) - 299 })).status).toBe(200);
  });

  it("a re-delivered event is stored once; payment_intent.succeeded of the session's payment intent adds nothing", async () => {
    const { h, send } = await stripe();
    const event = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ orderId: "ORD-2", intent: "pi_A" }),
      created,
    );
    await send(event);
    await send(event);
    await send(stripeEvent("payment_intent.succeeded", paymentIntent({ id: "pi_A", amount: 5400 }), created));
    expect(await orderRows(h)).toEqual([expect.objectContaining({ transaction_id: "ORD-2", revenue: 5400 })]);
  });

  it("payment_intent.succeeded is the purchase for a shop without Checkout: metadata.order_id, else the payment intent's id", async () => {
    const { h, send } = await stripe();
    await send(stripeEvent("payment_intent.succeeded", paymentIntent({ id: "pi_B", orderId: "ORD-3" }), created));
    await send(stripeEvent("payment_intent.succeeded", paymentIntent({ id: "pi_C", amount: 1999 }), created));
    expect((await orderRows(h)).map((r) => [r.transaction_id, r.revenue])).toEqual([
      ["ORD-3", 2500],
      ["pi_C", 1999],
    ]);
  });

  it("charge.refunded refunds the order of its payment intent by what is new in amount_refunded", async () => {
    const { h, send } = await stripe();
    await send(
      stripeEvent("checkout.session.completed", checkoutSession({ orderId: "ORD-4", intent: "pi_D" }), created),
    );
    const first = stripeEvent("charge.refunded", charge({ intent: "pi_D", refunded: 1000 }), created + 10);
    await send(first);
    await send(first);
    expect((await orderRows(h)).filter((r) => r.event_type === "refund")).toEqual([
      expect.objectContaining({ transaction_id: "ORD-4", revenue: 1000 }),
    ]);
    // The same charge refunded again: amount_refunded counts both refunds, only 15.00 is new.
    const second = stripeEvent("charge.refunded", charge({ intent: "pi_D", refunded: 2500 }), created + 20);
    await send(second);
    await send(second);
    expect(
      (await orderRows(h)).filter((r) => r.event_type === "refund").map((r) => [r.transaction_id, r.revenue]),
    ).toEqual([
      ["ORD-4", 1000],
      ["ORD-4", 1500],
    ]);
    const overview = await (
      await h.app.request("/v1/api/analytics/ecommerce/overview?days=1", {
        headers: { authorization: `Bearer ${h.shop.secret_key}` },
      })
    ).json();
    expect(overview).toMatchObject({ total_orders: 1, total_refunds: 2, refund_amount: 25, net_revenue: 29 });
  });

  it("merges with the browser's copy of the order before or after, joining the visit of metadata._tally", async () => {
    for (const browserFirst of [true, false]) {
      const { h, send } = await stripe();
      const event = stripeEvent(
        "checkout.session.completed",
        checkoutSession({ orderId: "ORD-5", cookie: encodeURIComponent("anon-browser.sess-browser") }),
        created,
      );
      if (browserFirst) await browserPurchase(h, "ORD-5");
      await send(event);
      if (!browserFirst) await browserPurchase(h, "ORD-5");
      expect(await orderRows(h)).toEqual([
        {
          event_type: "purchase",
          transaction_id: "ORD-5",
          revenue: 5400,
          currency: "USD",
          seen_by: 3,
          anonymous_id: "anon-browser",
          session_id: "sess-browser",
          user_id: "cus-42",
        },
      ]);
    }
  });

  it("keeps a verified event that does not map aside, answering 200, and ignores other event types", async () => {
    const { h, id, send } = await stripe();
    const { currency: _, ...noCurrency } = checkoutSession({ orderId: "ORD-6" });
    expect((await send(stripeEvent("checkout.session.completed", noCurrency, created))).status).toBe(200);
    expect((await send(stripeEvent("customer.created", { id: "cus_1", object: "customer" }, created))).status).toBe(
      200,
    );
    expect((await h.store.rejectedDeliveries(id)).map((r) => r.reason)).toEqual(["the object has no currency"]);
    expect(await h.rows("SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });
});
