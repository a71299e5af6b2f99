import type { EventFields } from "./fields.js";

/**
 * Hello Retail's conversion object (`trackConversion` in its JavaScript SDK, the body of
 * `POST /serve/collect/conversion` without `websiteUuid` and `trackingUserId`), plus an optional
 * currency.
 *
 * @example
 * const conversion: Conversion = { total: 499.32, orderNumber: "110-2347", productNumbers: ["p-1234"] };
 */
export interface Conversion {
  total: number | string;
  orderNumber: string | number;
  email?: string;
  customerId?: string | number;
  urls?: (string | number)[];
  productNumbers?: (string | number)[];
  currency?: string;
}

/** Products on one conversion; the same as the items on one event. */
export const MAX_CONVERSION_PRODUCTS = 1000;

/**
 * What is wrong with a conversion that no purchase can be made of, in Hello Retail's words
 * ("You must provide either urls or productNumbers"); undefined when nothing is. The order and
 * total are left to the purchase's own validation.
 *
 * @example
 * conversionProblem({ total: 10, orderNumber: "o-1" }); // "You must provide either urls or productNumbers"
 */
export function conversionProblem(conversion: Record<string, unknown>): string | undefined {
  const products = conversion.productNumbers ?? conversion.urls;
  if (!Array.isArray(products) || products.length === 0) return "You must provide either urls or productNumbers";
  if (products.length > MAX_CONVERSION_PRODUCTS) return `At most ${MAX_CONVERSION_PRODUCTS} products per conversion`;
  if (!products.every((p) => (typeof p === "string" && p.length > 0) || typeof p === "number")) {
    return `${conversion.productNumbers ? "productNumbers" : "urls"} must be a list of strings`;
  }
  for (const field of ["email", "trackingUserId", "currency"]) {
    if (conversion[field] !== undefined && typeof conversion[field] !== "string") return `${field} must be a string`;
  }
  return undefined;
}

/**
 * The purchase a conversion stands for: total → revenue (text read as a number), orderNumber →
 * transaction_id, customerId → user_id, email → email, productNumbers (or else urls) → one line
 * item each, quantity 1. The browser SDK and the collector's Hello Retail route both make their
 * purchase with it.
 *
 * @example
 * conversionFields({ total: 499.32, orderNumber: "110-2347", productNumbers: ["p-1234"] });
 * // { transaction_id: "110-2347", revenue: 499.32, …, items: [{ item_id: "p-1234", quantity: 1 }] }
 */
export function conversionFields(conversion: Conversion): EventFields {
  const products = conversion.productNumbers || conversion.urls || [];
  const { total } = conversion;
  return {
    transaction_id: conversion.orderNumber,
    // A template's text total ("499.32") is read as its number; anything else is left as it is,
    // for validation to name ("total must be a number, not a string").
    revenue: (total === ""
      ? undefined
      : typeof total === "string" && total.trim() && Number.isFinite(+total)
        ? +total
        : total) as number,
    currency: conversion.currency,
    email: conversion.email,
    user_id: conversion.customerId,
    items: products.map((item_id) => ({ item_id, quantity: 1 })),
  };
}
