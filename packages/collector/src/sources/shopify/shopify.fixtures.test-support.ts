// Shopify webhook bodies for tests, written from Shopify's documentation of the Admin REST API:
// the Order resource as the `orders/create` / `orders/paid` webhooks send it (shopify.dev, "Order"
// REST resource and the webhook topic reference, API version 2025-10: `id`, `admin_graphql_api_id`,
// `processed_at`, `total_price` and the other totals as decimal strings,
// `total_shipping_price_set.shop_money`, `discount_codes[]`, `line_items[]`, `customer`,
// `landing_site`), and the Refund resource as `refunds/create` sends it (`id`, `order_id`,
// `transactions[]` with `kind: "refund"` and `amount`). Values are invented; the order id is
// above 2^53 on purpose, as real ids may be.

/** An order of two lines, one discount code and a landing page with a campaign; ids as Shopify writes them (bare numbers). */
export const SHOPIFY_ORDER_ID = "9007199254740993123";

export function shopifyOrderBody(overrides: { id?: string; landing?: string } = {}): string {
  const id = overrides.id ?? SHOPIFY_ORDER_ID;
  // Written as text, not JSON.stringify: Shopify's numeric ids are JSON numbers that may pass 2^53.
  return `{
  "id": ${id},
  "admin_graphql_api_id": "gid://shopify/Order/${id}",
  "app_id": 580111,
  "browser_ip": "203.0.113.7",
  "buyer_accepts_marketing": false,
  "cancel_reason": null,
  "cancelled_at": null,
  "confirmation_number": "X7G3KQ2RB",
  "confirmed": true,
  "contact_email": "jon@example.com",
  "created_at": "2026-03-15T07:58:10-04:00",
  "currency": "USD",
  "current_total_price": "86.00",
  "customer_locale": "en",
  "discount_codes": [{ "code": "SPRING10", "amount": "10.00", "type": "fixed_amount" }],
  "email": "jon@example.com",
  "financial_status": "paid",
  "fulfillment_status": null,
  "landing_site": "${overrides.landing ?? "/products/tee?utm_source=instagram&utm_medium=social&utm_campaign=spring"}",
  "name": "#1001",
  "order_number": 1001,
  "presentment_currency": "USD",
  "processed_at": "2026-03-15T07:58:09-04:00",
  "referring_site": "https://www.instagram.com/",
  "source_name": "web",
  "subtotal_price": "70.00",
  "tags": "",
  "taxes_included": false,
  "test": false,
  "total_discounts": "10.00",
  "total_line_items_price": "80.00",
  "total_price": "86.00",
  "total_shipping_price_set": {
    "shop_money": { "amount": "10.00", "currency_code": "USD" },
    "presentment_money": { "amount": "10.00", "currency_code": "USD" }
  },
  "total_tax": "6.00",
  "updated_at": "2026-03-15T07:58:11-04:00",
  "customer": {
    "id": 115310627314723954,
    "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954",
    "email": "jon@example.com",
    "first_name": "Jon",
    "last_name": "Doe"
  },
  "line_items": [
    {
      "id": 866550311766439020,
      "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
      "name": "Tee - Red / M",
      "price": "25.00",
      "product_id": 632910392,
      "quantity": 2,
      "sku": "TEE-RED-M",
      "title": "Tee",
      "variant_id": 808950810,
      "variant_title": "Red / M",
      "vendor": "Acme"
    },
    {
      "id": 141249953214522974,
      "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
      "name": "Mug",
      "price": "30.00",
      "product_id": 921728736,
      "quantity": 1,
      "sku": "",
      "title": "Mug",
      "variant_id": 457924702,
      "variant_title": null,
      "vendor": "Acme"
    }
  ]
}`;
}

/** A refund of the order: one refund transaction of `amount`, and one failed attempt that returned nothing. */
export function shopifyRefundBody(refundId: string, amount: string, orderId = SHOPIFY_ORDER_ID): string {
  return `{
  "id": ${refundId},
  "admin_graphql_api_id": "gid://shopify/Refund/${refundId}",
  "order_id": ${orderId},
  "created_at": "2026-03-15T09:00:00-04:00",
  "processed_at": "2026-03-15T09:00:00-04:00",
  "note": "Too small",
  "restock": true,
  "user_id": 548380009,
  "refund_line_items": [],
  "transactions": [
    { "id": 179259969, "order_id": ${orderId}, "kind": "refund", "gateway": "bogus", "status": "success", "amount": "${amount}", "currency": "USD" },
    { "id": 179259970, "order_id": ${orderId}, "kind": "refund", "gateway": "bogus", "status": "failure", "amount": "99.00", "currency": "USD" }
  ]
}`;
}
