import type { Coupon } from "../answers.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";

export const couponsPanel: Panel = {
  id: "revenue-by-coupon",
  title: "Coupons",
  size: "double",
  async load({ api, range, fmt }) {
    const { coupons } = await api.ecommerce("revenue-by-coupon", rangeParams(range));
    return tableView<Coupon>(
      [
        { label: "Coupon", value: (c) => c.coupon_code },
        { label: "Revenue", value: (c) => c.revenue, show: (c) => fmt.money(c.revenue), numeric: true },
        { label: "Orders", value: (c) => c.orders, show: (c) => fmt.count(c.orders), numeric: true },
        { label: "Avg discount", value: (c) => c.avg_discount, show: (c) => fmt.money(c.avg_discount), numeric: true },
      ],
      coupons,
      "No order with a coupon in this range.",
    );
  },
};
