import type { Api, Appspace } from "./api.js";
import type { CartAbandonment, Funnel, Overview } from "./answers.js";

/**
 * Whether the appspace has recorded nothing over its whole retention: no order, refund, product
 * view or cart. Read from the same endpoints as the panels.
 */
export async function hasNoEvents(api: Api, appspace: Appspace): Promise<boolean> {
  const all = { days: String(appspace.retention_days) };
  const [overview, funnel, carts] = await Promise.all([
    api.ecommerce<Overview>("overview", all),
    api.ecommerce<Funnel>("funnel", all),
    api.ecommerce<CartAbandonment>("cart-abandonment", all),
  ]);
  return (
    overview.total_orders === 0 &&
    overview.total_refunds === 0 &&
    funnel.steps.every((s) => s.count === 0) &&
    carts.abandoned_carts + carts.completed_carts === 0
  );
}
