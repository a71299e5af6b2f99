import type { EcommerceEventInput } from "@tally/schema";
import { visitOf } from "../platform/cookie-join.js";
import { amount, idDigits, list, object, prune, text, type Json } from "../platform/payload-fields.js";
import { UnmappableError } from "../platform/platform-source.js";
import { REFUND_ID_PROPERTY } from "../../rules/order-key.js";

/** Statuses of a paid order: it becomes a purchase the first time it is in one of them. */
const PAID = new Set(["processing", "completed"]);

/** WooCommerce's `*_gmt` dates are UTC without an offset. */
const gmt = (v: unknown) => {
  const s = text(v);
  return s && !/(Z|[+-]\d\d:?\d\d)$/.test(s) ? `${s}Z` : s;
};

/**
 * A WooCommerce order (the REST API v3 order the `order.created` / `order.updated` webhooks send)
 * as events: a purchase when its status is `processing` or `completed` (or `refunded` after
 * payment), and a refund per `refunds[]` entry (each once, by its id; `total` is negative), or of
 * the order's whole total when it is `refunded` without any. Each event carries the order's `id`
 * as transaction id, the customer and the browser visit of the `_tally` meta, when the shop
 * copied the cookie into the order.
 */
export function wooCommerceEvents(order: Json): Array<{ event: EcommerceEventInput; identity: string }> {
  const transactionId = idDigits(order.id);
  if (!transactionId) throw new UnmappableError("the order has no id");
  const status = text(order.status) ?? "";
  const currency = text(order.currency)?.toUpperCase();
  const meta = list(order.meta_data).find((m) => m.key === "_tally");
  const customerId = idDigits(order.customer_id);
  const who = prune({
    user_id: customerId && customerId !== "0" ? customerId : undefined,
    email: text(object(order.billing).email),
    ...visitOf(meta?.value),
  });
  const events: Array<{ event: EcommerceEventInput; identity: string }> = [];
  const paidAt = gmt(order.date_paid_gmt);
  if (PAID.has(status) || (status === "refunded" && paidAt)) {
    const revenue = amount(order.total, "total");
    if (revenue === undefined) throw new UnmappableError("the order has no total");
    events.push({
      identity: `purchase:${transactionId}`,
      event: prune({
        event_type: "purchase",
        transaction_id: transactionId,
        timestamp: paidAt ?? gmt(order.date_created_gmt),
        revenue,
        currency,
        discount: amount(order.discount_total, "discount_total"),
        shipping: amount(order.shipping_total, "shipping_total"),
        tax: amount(order.total_tax, "total_tax"),
        coupon_code: text(list(order.coupon_lines)[0]?.code),
        items: list(order.line_items).map((line, i) =>
          prune({
            item_id: text(line.sku) ?? idDigits(line.product_id) ?? `line-${i + 1}`,
            item_name: text(line.name),
            price: amount(line.price, `line_items[${i}].price`),
            quantity: typeof line.quantity === "number" ? line.quantity : undefined,
          }),
        ),
        ...who,
      }) as unknown as EcommerceEventInput,
    });
  }
  const refunds = list(order.refunds);
  const refundAt = gmt(order.date_modified_gmt) ?? paidAt ?? gmt(order.date_created_gmt);
  for (const [i, refund] of refunds.entries()) {
    const refundId = idDigits(refund.id);
    const total = amount(refund.total, `refunds[${i}].total`);
    if (!refundId || total === undefined) throw new UnmappableError(`refunds[${i}] has no id or total`);
    if (total === 0) continue;
    events.push({
      identity: `refund:${transactionId}:${refundId}`,
      event: prune({
        event_type: "refund",
        transaction_id: transactionId,
        timestamp: refundAt,
        revenue: Math.abs(total),
        currency,
        ...who,
        properties: { [REFUND_ID_PROPERTY]: refundId },
      }) as unknown as EcommerceEventInput,
    });
  }
  if (status === "refunded" && refunds.length === 0) {
    const revenue = amount(order.total, "total");
    if (revenue) {
      events.push({
        identity: `refund:${transactionId}`,
        event: prune({
          event_type: "refund",
          transaction_id: transactionId,
          timestamp: refundAt,
          revenue,
          currency,
          ...who,
        }) as unknown as EcommerceEventInput,
      });
    }
  }
  return events;
}
