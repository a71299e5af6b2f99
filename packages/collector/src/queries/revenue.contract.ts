// overview, revenue-timeseries, top-products, revenue-by-coupon|device|platform|country: what
// each reads and answers, and what each number means (the metric definitions the queries implement).
import {
  countriesAnswer,
  couponsAnswer,
  devicesAnswer,
  overviewAnswer,
  platformsAnswer,
  timeseriesAnswer,
  topProductsAnswer,
} from "@tally/schema";
import { intParam, RANGE_PARAMS } from "./params.js";
import { queryRoute } from "./query-contract.js";

export const overviewRoute = queryRoute("overview", {
  summary: "Revenue overview",
  description:
    "total_revenue = Σ purchase revenue; net_revenue = total − refund_amount; avg_order_value = total / orders (0 when none); total_items_sold = Σ item quantities on purchases; cart_abandonment_rate = abandoned / (abandoned + completed carts) × 100; add_to_cart_rate = visitors with add_to_cart / visitors with view_item × 100.",
  query: RANGE_PARAMS,
  answer: overviewAnswer,
});

export const timeseriesRoute = queryRoute("revenue-timeseries", {
  summary: "Revenue per day",
  description: "One entry per UTC day of the range, days without orders included.",
  query: RANGE_PARAMS,
  answer: timeseriesAnswer,
});

export const topProductsRoute = queryRoute("top-products", {
  summary: "Top products",
  description:
    "Over purchase items: revenue = Σ price × quantity, quantity = Σ quantity, orders = distinct orders with the item, name = the latest non-empty item_name; by revenue descending.",
  query: { ...RANGE_PARAMS, limit: intParam("limit", 20, 1, 100, "How many products") },
  answer: topProductsAnswer,
});

export const couponsRoute = queryRoute("revenue-by-coupon", {
  summary: "Revenue by coupon",
  description: "Orders with a coupon_code: revenue, orders, avg_discount = mean discount of those orders.",
  query: RANGE_PARAMS,
  answer: couponsAnswer,
});

const breakdown = (field: string, values: string) => ({
  summary: `Revenue by ${field.replace("_type", "")}`,
  description: `Purchase revenue and orders per ${field} (${values}; unknown is null), by revenue descending.`,
  query: RANGE_PARAMS,
});
export const devicesRoute = queryRoute("revenue-by-device", {
  ...breakdown("device_type", "mobile, tablet, desktop"),
  answer: devicesAnswer,
});
export const platformsRoute = queryRoute("revenue-by-platform", {
  ...breakdown("platform", "web, ios, android, …"),
  answer: platformsAnswer,
});
export const countriesRoute = queryRoute("revenue-by-country", {
  ...breakdown("country", "ISO 3166-1 alpha-2"),
  answer: countriesAnswer,
});

export const REVENUE_ROUTES = [
  overviewRoute,
  timeseriesRoute,
  topProductsRoute,
  couponsRoute,
  devicesRoute,
  platformsRoute,
  countriesRoute,
];
