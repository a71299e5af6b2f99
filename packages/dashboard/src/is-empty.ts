import type { Api, Appspace } from "./api.js";

/**
 * Whether the appspace has recorded nothing over its whole retention: no order, refund, product
 * view or cart. Read from the same endpoints as the panels; the daily series goes first because
 * it stays cheap on a long history, so a shop with orders never pays for the year-long funnel.
 */
export async function hasNoEvents(api: Api, appspace: Appspace): Promise<boolean> {
  const all = { days: String(appspace.retention_days) };
  const { series } = await api.ecommerce("revenue-timeseries", all);
  if (series.some((day) => day.orders > 0)) return false;
  const [overview, funnel, carts] = await Promise.all([
    api.ecommerce("overview", all),
    api.ecommerce("funnel", all),
    api.ecommerce("cart-abandonment", all),
  ]);
  return (
    overview.total_orders === 0 &&
    overview.total_refunds === 0 &&
    funnel.steps.every((s) => s.count === 0) &&
    carts.abandoned_carts + carts.completed_carts === 0
  );
}
