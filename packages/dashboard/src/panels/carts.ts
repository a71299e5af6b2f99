import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tiles, tilesCsv, type Tile } from "../tiles.js";

export const cartsPanel: Panel = {
  id: "cart-abandonment",
  title: "Cart abandonment",
  size: "double",
  async load({ api, range, fmt }) {
    const c = await api.ecommerce("cart-abandonment", rangeParams(range));
    const list: Tile[] = [
      {
        metric: "abandonment_rate",
        label: "Abandoned",
        value: c.abandonment_rate,
        shown: fmt.percent(c.abandonment_rate),
      },
      {
        metric: "abandoned_carts",
        label: "Abandoned carts",
        value: c.abandoned_carts,
        shown: fmt.count(c.abandoned_carts),
      },
      {
        metric: "completed_carts",
        label: "Completed carts",
        value: c.completed_carts,
        shown: fmt.count(c.completed_carts),
      },
      {
        metric: "abandoned_revenue",
        label: "Left in carts",
        value: c.abandoned_revenue,
        shown: fmt.money(c.abandoned_revenue),
      },
    ];
    return { node: tiles(list), csv: tilesCsv(list) };
  },
};
