import type { EcommerceEventInput } from "@tally/schema";
import { amount, idDigits, list, object, prune, text, utmOf, type Json } from "../platform/payload-fields.js";
import { UnmappableError } from "../platform/platform-source.js";
import { REFUND_ID_PROPERTY } from "../../rules/order-key.js";

/** A Shopify order's id, exactly: the digits of its `admin_graphql_api_id` (an `id` may pass 2^53), else `id`. */
export function shopifyOrderId(order: Json): string {
  const id = idDigits(order.admin_graphql_api_id) ?? idDigits(order.id);
  if (!id) throw new UnmappableError("the order has no id");
  return id;
}

/**
 * A Shopify order (the `orders/create` and `orders/paid` webhooks' body, the REST Order) as a
 * purchase: `id` → transaction_id, `total_price` → revenue, `total_discounts`, `total_tax`,
 * `total_shipping_price_set.shop_money.amount`, the first discount code, the line items
 * (`sku` else `product_id`, `title`, `variant_title`, `vendor`, `price`, `quantity`),
 * `customer.id` → user_id, `email`, the campaign of `landing_site`, and `processed_at` (else
 * `created_at`) as its time.
 */
export function shopifyPurchase(order: Json): EcommerceEventInput {
  const transactionId = shopifyOrderId(order);
  const revenue = amount(order.total_price, "total_price");
  if (revenue === undefined) throw new UnmappableError("the order has no total_price");
  const customer = object(order.customer);
  const utm = utmOf(text(order.landing_site));
  return prune({
    event_type: "purchase",
    transaction_id: transactionId,
    timestamp: text(order.processed_at) ?? text(order.created_at),
    revenue,
    currency: text(order.currency)?.toUpperCase(),
    discount: amount(order.total_discounts, "total_discounts"),
    tax: amount(order.total_tax, "total_tax"),
    shipping: amount(object(object(order.total_shipping_price_set).shop_money).amount, "total_shipping_price_set"),
    coupon_code: text(list(order.discount_codes)[0]?.code),
    user_id: idDigits(customer.admin_graphql_api_id) ?? idDigits(customer.id),
    email: text(order.email) ?? text(order.contact_email) ?? text(customer.email),
    items: list(order.line_items).map((line, i) =>
      prune({
        item_id:
          text(line.sku) ??
          idDigits(line.product_id) ??
          idDigits(line.variant_id) ??
          text(line.title) ??
          `line-${i + 1}`,
        item_name: text(line.title) ?? text(line.name),
        item_variant: text(line.variant_title),
        item_brand: text(line.vendor),
        price: amount(line.price, `line_items[${i}].price`),
        quantity: typeof line.quantity === "number" ? line.quantity : undefined,
      }),
    ),
    context: utm,
  }) as unknown as EcommerceEventInput;
}

/**
 * A Shopify refund (the `refunds/create` webhook's body) as a refund of its order: the sum of its
 * `transactions[]` of kind `refund` that did not fail; undefined when no money was returned
 * (a restock alone).
 */
export function shopifyRefund(refund: Json): { event: EcommerceEventInput; refundId: string } | undefined {
  const orderId = idDigits(refund.order_id);
  const refundId = idDigits(refund.admin_graphql_api_id) ?? idDigits(refund.id);
  if (!orderId || !refundId) throw new UnmappableError("the refund has no order_id or id");
  const money = list(refund.transactions).filter(
    (t) => t.kind === "refund" && t.status !== "failure" && t.status !== "error",
  );
  const total = money.reduce((sum, t, i) => sum + (amount(t.amount, `transactions[${i}].amount`) ?? 0), 0);
  if (!(total > 0)) return undefined;
  return {
    refundId,
    event: prune({
      event_type: "refund",
      transaction_id: orderId,
      timestamp: text(refund.processed_at) ?? text(refund.created_at),
      revenue: Math.round(total * 1e6) / 1e6,
      currency: text(money[0]?.currency)?.toUpperCase(),
      properties: { [REFUND_ID_PROPERTY]: refundId },
    }) as unknown as EcommerceEventInput,
  };
}
