// WooCommerce webhook bodies for tests, written from WooCommerce's REST API v3 documentation of
// the Order (developer.woocommerce.com, "Orders" and "Order refunds", REST API v3): the
// `order.created` / `order.updated` webhooks deliver that order object — `id`, `status`,
// `currency`, amounts as decimal strings (`total`, `discount_total`, `shipping_total`,
// `total_tax`), `date_created_gmt` / `date_paid_gmt` (UTC without an offset), `customer_id`
// (0 for a guest), `billing.email`, `meta_data[]` of `{ id, key, value }`, `line_items[]`
// (`product_id`, `sku`, `name`, `quantity`, `price` as a number), `coupon_lines[]` and
// `refunds[]` of `{ id, reason, total }` with a negative `total`. Values are invented.

export interface WooOptions {
  id?: number;
  status?: string;
  refunds?: Array<{ id: number; total: string }>;
  cookie?: string;
  customerId?: number;
}

export function wooOrder(options: WooOptions = {}): Record<string, unknown> {
  return {
    id: options.id ?? 727,
    parent_id: 0,
    number: String(options.id ?? 727),
    order_key: "wc_order_58d2d042d1d",
    created_via: "checkout",
    version: "9.8.0",
    status: options.status ?? "processing",
    currency: "EUR",
    date_created: "2026-03-15T10:30:00",
    date_created_gmt: "2026-03-15T09:30:00",
    date_modified: "2026-03-15T10:31:00",
    date_modified_gmt: "2026-03-15T09:31:00",
    discount_total: "5.00",
    discount_tax: "0.00",
    shipping_total: "4.90",
    shipping_tax: "0.00",
    cart_tax: "3.80",
    total: "42.70",
    total_tax: "3.80",
    prices_include_tax: false,
    customer_id: options.customerId ?? 26,
    customer_ip_address: "203.0.113.9",
    customer_user_agent: "Mozilla/5.0",
    customer_note: "",
    billing: { first_name: "Ana", last_name: "Silva", email: "ana@example.com", country: "PT" },
    shipping: { first_name: "Ana", last_name: "Silva", country: "PT" },
    payment_method: "stripe",
    payment_method_title: "Credit card",
    transaction_id: "ch_3QabCdEf",
    date_paid: options.status === "pending" ? null : "2026-03-15T10:30:30",
    date_paid_gmt: options.status === "pending" ? null : "2026-03-15T09:30:30",
    date_completed: null,
    date_completed_gmt: null,
    cart_hash: "",
    meta_data: options.cookie
      ? [{ id: 13106, key: "_tally", value: options.cookie }]
      : [{ id: 13105, key: "is_vat_exempt", value: "no" }],
    line_items: [
      {
        id: 315,
        name: "Woo Single #1",
        product_id: 93,
        variation_id: 0,
        quantity: 2,
        tax_class: "",
        subtotal: "24.00",
        subtotal_tax: "1.90",
        total: "19.00",
        total_tax: "1.90",
        taxes: [],
        meta_data: [],
        sku: "WOO-1",
        price: 12,
      },
      {
        id: 316,
        name: "Ship Your Idea",
        product_id: 22,
        variation_id: 23,
        quantity: 1,
        tax_class: "",
        subtotal: "15.00",
        subtotal_tax: "1.90",
        total: "15.00",
        total_tax: "1.90",
        taxes: [],
        meta_data: [],
        sku: "",
        price: 15,
      },
    ],
    tax_lines: [],
    shipping_lines: [
      {
        id: 317,
        method_title: "Flat Rate",
        method_id: "flat_rate",
        total: "4.90",
        total_tax: "0.00",
        taxes: [],
        meta_data: [],
      },
    ],
    fee_lines: [],
    coupon_lines: [{ id: 318, code: "welcome5", discount: "5.00", discount_tax: "0.00", meta_data: [] }],
    refunds: (options.refunds ?? []).map((r) => ({ id: r.id, reason: "", total: r.total })),
  };
}
