// Tally's Shopify custom pixel run as Shopify runs one: in Chromium, inside a sandboxed iframe of
// an opaque origin (no IndexedDB), with `analytics`, `browser` and `init` objects shaped as the
// Web Pixels API documents them, fed standard events shaped as documented.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKey } from "../../appspaces/create-appspace.js";
import { launchChromium, listen, shopOrigin } from "../../test-support/chromium.js";
import { BROWSER_USER_AGENT } from "../../test-support/browser.js";
import { harness } from "../../test-support/harness.js";
import { base64Hmac } from "../platform/deliver.test-support.js";
import { SHOPIFY_ORDER_ID, shopifyOrderBody } from "./shopify.fixtures.test-support.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/**
 * The sandbox's side of the Web Pixels API: `analytics.subscribe`, `browser` (async cookie,
 * storage and sendBeacon), `init` (the page's context and the shop's data), and a message channel
 * through which the test publishes standard events, as Shopify's host page would.
 */
function sandboxHtml(pixelCode: string) {
  const api = `
const subscribers = {};
const analytics = { subscribe: (name, callback) => { (subscribers[name] = subscribers[name] || []).push(callback); return Promise.resolve(); } };
const memory = {};
const storage = { getItem: async (k) => (k in memory ? memory[k] : null), setItem: async (k, v) => { memory[k] = String(v); }, removeItem: async (k) => { delete memory[k]; }, key: async () => null, length: async () => Object.keys(memory).length };
const browser = { cookie: { get: async () => "", set: async () => "" }, localStorage: storage, sessionStorage: storage, sendBeacon: async (url, body) => navigator.sendBeacon(url, body) };
const init = { context: { document: { location: { href: "https://acme.myshopify.com/" } } }, data: { customer: null, cart: null, shop: { name: "Acme", myshopifyDomain: "acme.myshopify.com", countryCode: "US", paymentSettings: { currencyCode: "USD" } } } };
window.addEventListener("message", (message) => {
  const { name, event } = message.data;
  for (const callback of subscribers[name] || []) callback(event);
  parent.postMessage({ published: event.id }, "*");
});
let storageState = "available";
try { indexedDB.open("probe"); } catch (error) { storageState = error.name; }
`;
  const script = (code: string) => `<script>${code.replace(/<\/(script)/gi, "<\\/$1")}</script>`;
  return `<!doctype html>${script(api)}${script(pixelCode)}${script(`parent.postMessage({ ready: true, origin: String(self.origin), indexedDB: storageState }, "*");`)}`;
}

/** The shop's page: it creates the sandboxed pixel frame and relays events to it. */
function shopHtml(frame: string) {
  return `<!doctype html><title>Checkout</title><script>
window.frameReady = new Promise((resolve) => addEventListener("message", (m) => m.data.ready && resolve(m.data), { once: false }));
const f = document.createElement("iframe");
f.setAttribute("sandbox", "allow-scripts");
f.srcdoc = ${JSON.stringify(frame).replace(/<\//g, "<\\/")};
document.documentElement.appendChild(f);
window.publish = (name, event) => new Promise((resolve) => {
  addEventListener("message", function done(m) { if (m.data.published === event.id) { removeEventListener("message", done); resolve(); } });
  f.contentWindow.postMessage({ name, event }, "*");
});
</script>`;
}

let seq = 0;
function standardEvent(name: string, data: Record<string, unknown>, clientId = "client-7f3a") {
  const search = "?utm_source=google&utm_medium=cpc&utm_campaign=brand";
  return {
    id: `sh-${++seq}-${name}`,
    clientId,
    name,
    seq,
    type: "standard",
    timestamp: new Date().toISOString(),
    context: {
      document: {
        location: {
          href: `https://acme.myshopify.com/checkouts/cn/abc${search}`,
          pathname: "/checkouts/cn/abc",
          search,
          host: "acme.myshopify.com",
        },
        referrer: "https://www.google.com/",
        title: "Checkout - Acme",
        characterSet: "UTF-8",
      },
      navigator: { userAgent: BROWSER_USER_AGENT, language: "en-US", cookieEnabled: true },
      window: {
        innerHeight: 900,
        innerWidth: 1400,
        location: { href: `https://acme.myshopify.com/checkouts/cn/abc${search}` },
      },
    },
    data,
  };
}

const money = (amount: number) => ({ amount, currencyCode: "USD" });
const tee = {
  id: "808950810",
  title: "Red / M",
  sku: "TEE-RED-M",
  price: money(25),
  product: {
    id: "632910392",
    title: "Tee",
    vendor: "Acme",
    type: "Shirts",
    untranslatedTitle: "Tee",
    url: "/products/tee",
  },
  image: { src: "https://cdn.example/tee.jpg" },
};
const mug = {
  id: "457924702",
  title: "Default Title",
  sku: "",
  price: money(30),
  product: { id: "921728736", title: "Mug", vendor: "Acme", type: "", untranslatedTitle: "Mug", url: "/products/mug" },
  image: null,
};
const lines = [
  { id: "li-1", quantity: 2, title: "Tee", variant: tee, discountAllocations: [] },
  { id: "li-2", quantity: 1, title: "Mug", variant: mug, discountAllocations: [] },
];
function checkout(orderId?: string) {
  return {
    currencyCode: "USD",
    email: "jon@example.com",
    lineItems: lines,
    subtotalPrice: money(80),
    totalPrice: money(86),
    totalTax: money(6),
    discountsAmount: money(10),
    shippingLine: { price: money(10) },
    discountApplications: [
      {
        type: "DISCOUNT_CODE",
        title: "SPRING10",
        value: money(10),
        allocationMethod: "ACROSS",
        targetSelection: "ALL",
        targetType: "LINE_ITEM",
      },
    ],
    order: orderId ? { id: orderId, customer: { id: "115310627314723954", isFirstOrder: true } } : null,
    token: "abc",
  };
}

describe("the Shopify custom pixel in a sandboxed iframe", { timeout: 90_000 }, () => {
  it("sends the funnel and the order without IndexedDB; a reloaded status page is one order, and the webhook's copy merges", async () => {
    const h = await harness({ clock: Date.now });
    const collector = await listen(h.app);
    const pixelKey = await addKey(h.store, (await h.store.findAppspaceById(h.shop.id))!.seq, "publishable");
    await h.store.addSource({
      id: "src_pixel",
      appspace_id: h.shop.id,
      kind: "shopify",
      secret: "shpss_pixel",
      created_at: Date.now(),
      pixel_key: pixelKey,
    });
    const served = await fetch(`${collector.url}/sources/src_pixel/shopify-pixel.js`);
    expect(served.status).toBe(200);
    const code = await served.text();
    expect(code).toContain(pixelKey);
    expect(code).toContain(collector.url);

    const shop = await shopOrigin(() => shopHtml(sandboxHtml(code)));
    const context = await browser.newContext();
    const failures: string[] = [];
    try {
      const open = async () => {
        const page = await context.newPage();
        page.on("pageerror", (e) => failures.push(String(e)));
        page.on("requestfailed", (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
        await page.goto(`${shop.url}/checkout`);
        const frame = (await page.evaluate("window.frameReady")) as { origin: string; indexedDB: string };
        expect(frame.origin).toBe("null");
        expect(frame.indexedDB).toBe("SecurityError");
        return page;
      };
      const page = await open();
      const publish = (name: string, data: Record<string, unknown>) =>
        page.evaluate(([n, e]) => (window as any).publish(n, e), [name, standardEvent(name, data)] as const);
      await publish("page_viewed", {});
      await publish("product_viewed", { productVariant: tee });
      await publish("product_added_to_cart", {
        cartLine: { quantity: 2, merchandise: tee, cost: { totalAmount: money(50) } },
      });
      await publish("cart_viewed", {
        cart: {
          id: "cart-1",
          lines: [{ quantity: 2, merchandise: tee, cost: { totalAmount: money(50) } }],
          cost: { totalAmount: money(50) },
          totalQuantity: 2,
        },
      });
      await publish("checkout_started", { checkout: checkout() });
      await publish("payment_info_submitted", { checkout: checkout() });
      await publish("checkout_completed", { checkout: checkout(`gid://shopify/Order/${SHOPIFY_ORDER_ID}`) });
      // The order status page reloaded: a new pixel frame, the same order again.
      const again = await open();
      await again.evaluate(([n, e]) => (window as any).publish(n, e), [
        "checkout_completed",
        standardEvent("checkout_completed", { checkout: checkout(SHOPIFY_ORDER_ID) }),
      ] as const);

      const get = async (path: string) =>
        (
          await h.app.request(`/v1/api/analytics/ecommerce/${path}`, {
            headers: { authorization: `Bearer ${h.shop.secret_key}` },
          })
        ).json();
      await expect.poll(async () => (await get("overview?days=1")).total_orders, { timeout: 15_000 }).toBe(1);
      await expect
        .poll(async () => ((await get("funnel?days=1")).steps as Array<{ count: number }>).map((s) => s.count), {
          timeout: 15_000,
        })
        .toEqual([1, 1, 1, 1, 1, 1]);
      const [order] = await h.rows(
        "SELECT transaction_id, revenue, discount, tax, shipping, coupon_code, anonymous_id, user_id, seen_by, utm_source, utm_campaign FROM events WHERE event_type = 'purchase'",
      );
      expect(order).toEqual({
        transaction_id: SHOPIFY_ORDER_ID,
        revenue: 8600,
        discount: 1000,
        tax: 600,
        shipping: 1000,
        coupon_code: "SPRING10",
        anonymous_id: "client-7f3a",
        user_id: "115310627314723954",
        seen_by: 1,
        utm_source: "google",
        utm_campaign: "brand",
      });
      expect(
        await h.rows(
          "SELECT item_id, quantity FROM event_items i JOIN events e ON e.appspace_seq = i.appspace_seq AND e.seq = i.event_seq WHERE e.event_type = 'purchase' ORDER BY i.position",
        ),
      ).toEqual([
        { item_id: "TEE-RED-M", quantity: 2 },
        { item_id: "921728736", quantity: 1 },
      ]);

      // The webhook's copy of the same order: one order, seen by both, with the pixel's visit.
      const body = shopifyOrderBody();
      const res = await h.app.request("/sources/src_pixel", {
        method: "POST",
        headers: { "x-shopify-topic": "orders/create", "x-shopify-hmac-sha256": base64Hmac("shpss_pixel", body) },
        body,
      });
      expect(res.status).toBe(200);
      await h.app.projector.drain();
      expect(
        await h.rows(
          "SELECT transaction_id, seen_by, anonymous_id, client_door, server_door FROM events WHERE event_type = 'purchase'",
        ),
      ).toEqual([
        {
          transaction_id: SHOPIFY_ORDER_ID,
          seen_by: 3,
          anonymous_id: "client-7f3a",
          client_door: "pixel",
          server_door: "shopify",
        },
      ]);
      // The merged order keeps the earlier time: the fixture's, in March.
      expect(await get("overview?days=365")).toMatchObject({ total_orders: 1, total_revenue: 86 });
      expect(failures).toEqual([]);
    } finally {
      await context.close();
      shop.close();
      collector.close();
    }
  });

  it("is served only for a Shopify source", async () => {
    const h = await harness();
    await h.store.addSource({
      id: "src_stripe",
      appspace_id: h.shop.id,
      kind: "stripe",
      secret: "whsec_x",
      created_at: h.clock.now,
    });
    expect((await h.app.request("/sources/src_stripe/shopify-pixel.js")).status).toBe(404);
    expect((await h.app.request("/sources/src_none/shopify-pixel.js")).status).toBe(404);
  });
});
