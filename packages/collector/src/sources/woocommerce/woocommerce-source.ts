import { hasBase64HmacSignature } from "../platform/hmac-signature.js";
import { object } from "../platform/payload-fields.js";
import type { PlatformSource } from "../platform/platform-source.js";
import { withSourceEventId } from "../platform/source-event-id.js";
import { wooCommerceEvents } from "./woocommerce-order.js";

const TOPICS = new Set(["order.created", "order.updated"]);

/**
 * WooCommerce's webhooks: `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw body
 * under the webhook's secret. Topics `order.created` and `order.updated` carry the whole order;
 * other topics are answered and ignored. Saving a webhook in WooCommerce sends an unsigned
 * `webhook_id=<n>` ping, answered 200 so the platform keeps the webhook active.
 */
export const wooCommerceSource: PlatformSource = {
  kind: "woocommerce",
  badSignatureStatus: 401,
  isPing: (delivery) => !delivery.header("x-wc-webhook-signature") && /^webhook_id=\d+$/.test(delivery.text.trim()),
  verify(delivery, secret) {
    if (!hasBase64HmacSignature(delivery.raw, delivery.header("x-wc-webhook-signature"), secret)) {
      return { ok: false, reason: delivery.header("x-wc-webhook-signature") ? "wrong signature" : "missing signature" };
    }
    return { ok: true };
  },
  async map(payload, delivery) {
    const topic = delivery.header("x-wc-webhook-topic") ?? "";
    if (!TOPICS.has(topic)) return { kind: "ignored", reason: `topic ${topic || "(none)"}` };
    const events = wooCommerceEvents(object(payload));
    if (!events.length) return { kind: "ignored", reason: "an order not paid yet" };
    return { kind: "events", events: events.map((e) => withSourceEventId(e.event, e.identity)) };
  },
};
