import type { EcommerceEventInput } from "@tally/schema";
import { isPlainObject } from "../http/read-body.js";

const MAX_PRODUCTS = 1000;

/**
 * The purchase a Hello Retail conversion body (its JS SDK's conversion object plus
 * `websiteUuid` and `trackingUserId`) stands for: total → revenue, orderNumber → transaction_id,
 * customerId → user_id, trackingUserId → anonymous_id, productNumbers (or urls) → line items.
 * Answers a message for what is wrong with the body.
 */
export function conversionToPurchase(body: Record<string, unknown>): EcommerceEventInput | string {
  const products = body.productNumbers ?? body.urls;
  if (!Array.isArray(products) || products.length === 0) return "You must provide either urls or productNumbers";
  if (products.length > MAX_PRODUCTS) return `At most ${MAX_PRODUCTS} products per conversion`;
  if (!products.every((p) => (typeof p === "string" && p.length > 0) || typeof p === "number")) {
    return `${body.productNumbers ? "productNumbers" : "urls"} must be a list of strings`;
  }
  for (const field of ["email", "trackingUserId", "currency"] as const) {
    if (body[field] !== undefined && typeof body[field] !== "string") return `${field} must be a string`;
  }
  return {
    event_type: "purchase",
    transaction_id: body.orderNumber as string,
    revenue: body.total as number,
    currency: body.currency as string | undefined,
    user_id: body.customerId as string | undefined,
    anonymous_id: (body.trackingUserId as string | undefined) || undefined,
    email: body.email as string | undefined,
    items: products.map((p) => ({ item_id: p as string, quantity: 1 })),
  };
}

