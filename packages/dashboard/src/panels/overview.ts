import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tiles, tilesCsv, type Tile } from "../tiles.js";

export const overviewPanel: Panel = {
  id: "overview",
  title: "Overview",
  size: "wide",
  async load({ api, range, fmt }) {
    const [o, appspace] = await Promise.all([api.ecommerce("overview", rangeParams(range)), api.appspace()]);
    // A dropped event was answered as accepted: this tile is where a silent drop shows.
    const dropped = Object.values(appspace.dropped_this_month ?? {}).reduce((sum, n) => sum + n, 0);
    const list: Tile[] = [
      { metric: "total_revenue", label: "Revenue", value: o.total_revenue, shown: fmt.money(o.total_revenue) },
      { metric: "net_revenue", label: "Net revenue", value: o.net_revenue, shown: fmt.money(o.net_revenue) },
      { metric: "total_orders", label: "Orders", value: o.total_orders, shown: fmt.count(o.total_orders) },
      {
        metric: "avg_order_value",
        label: "Average order",
        value: o.avg_order_value,
        shown: fmt.money(o.avg_order_value),
      },
      {
        metric: "total_items_sold",
        label: "Items sold",
        value: o.total_items_sold,
        shown: fmt.count(o.total_items_sold),
      },
      { metric: "total_refunds", label: "Refunds", value: o.total_refunds, shown: fmt.count(o.total_refunds) },
      { metric: "refund_amount", label: "Refunded", value: o.refund_amount, shown: fmt.money(o.refund_amount) },
      {
        metric: "cart_abandonment_rate",
        label: "Cart abandonment",
        value: o.cart_abandonment_rate,
        shown: fmt.percent(o.cart_abandonment_rate),
      },
      {
        metric: "add_to_cart_rate",
        label: "Add-to-cart rate",
        value: o.add_to_cart_rate,
        shown: fmt.percent(o.add_to_cart_rate),
      },
      {
        metric: "dropped_this_month",
        label: "Dropped by fraud rules (this month)",
        value: dropped,
        shown: fmt.count(dropped),
      },
    ];
    return { node: tiles(list), csv: tilesCsv(list) };
  },
};
