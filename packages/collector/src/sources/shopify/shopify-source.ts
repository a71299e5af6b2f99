import { hasBase64HmacSignature } from "../platform/hmac-signature.js";
import { object } from "../platform/payload-fields.js";
import type { PlatformSource } from "../platform/platform-source.js";
import { shopifyPurchase, shopifyRefund } from "./shopify-order.js";
import { withSourceEventId } from "../platform/source-event-id.js";

/**
 * Shopify's webhooks: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body under the
 * shop's webhook signing key (or the app's client secret). `orders/create` is the purchase
 * (Shopify counts an order when it is placed, whatever its financial status), `orders/paid` the
 * same order again, `refunds/create` a refund of it; `orders/cancelled` and other topics are
 * answered and ignored.
 */
export const shopifySource: PlatformSource = {
  kind: "shopify",
  badSignatureStatus: 401,
  verify(delivery, secret) {
    if (!hasBase64HmacSignature(delivery.raw, delivery.header("x-shopify-hmac-sha256"), secret)) {
      return { ok: false, reason: delivery.header("x-shopify-hmac-sha256") ? "wrong signature" : "missing signature" };
    }
    return { ok: true };
  },
  async map(payload, delivery) {
    const topic = delivery.header("x-shopify-topic") ?? "";
    const body = object(payload);
    if (topic === "orders/create" || topic === "orders/paid") {
      const purchase = shopifyPurchase(body);
      return { kind: "events", events: [withSourceEventId(purchase, `purchase:${purchase.transaction_id}`)] };
    }
    if (topic === "refunds/create") {
      const refund = shopifyRefund(body);
      if (!refund) return { kind: "ignored", reason: "a refund that returned no money" };
      return {
        kind: "events",
        events: [withSourceEventId(refund.event, `refund:${refund.event.transaction_id}:${refund.refundId}`)],
      };
    }
    return { kind: "ignored", reason: `topic ${topic || "(none)"}` };
  },
};
