import type { EventFields } from "./event.js";

/** Hello Retail's conversion object (`trackConversion`), plus an optional currency. */
export interface Conversion {
  total: number | string;
  orderNumber: string | number;
  email?: string;
  customerId?: string | number;
  urls?: string[];
  productNumbers?: (string | number)[];
  currency?: string;
}

/**
 * A Hello Retail conversion as a purchase: total → revenue, orderNumber → transaction_id,
 * customerId → user_id, email → email, productNumbers (or urls) → one line item each. A total
 * rendered as text is read as a number (empty fields are left out when the event is built).
 *
 * @example
 * conversionFields({ total: 499.32, orderNumber: "110-2347", productNumbers: ["p-1234"] });
 * // { transaction_id: "110-2347", revenue: 499.32, items: [{ item_id: "p-1234" }] }
 */
export function conversionFields(c: Conversion): EventFields {
  const products = c.productNumbers || c.urls;
  return {
    transaction_id: c.orderNumber,
    revenue: (c.total && +c.total) as number,
    currency: c.currency,
    email: c.email,
    user_id: c.customerId,
    items: products && products.map((item_id) => ({ item_id })),
  };
}
