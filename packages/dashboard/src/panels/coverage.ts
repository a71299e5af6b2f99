import type { Coverage } from "../answers.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tiles, tilesCsv, type Tile } from "../tiles.js";

/** What the browser missed: orders only the shop's server reported (coverage endpoint). */
export const coveragePanel: Panel = {
  id: "coverage",
  title: "Orders the browser missed",
  size: "double",
  async load({ api, range, fmt }) {
    const c = await api.ecommerce<Coverage>("coverage", rangeParams(range));
    const list: Tile[] = [
      { metric: "browser_missed_pct", label: "Missed by the browser", value: c.browser_missed_pct, shown: fmt.percent(c.browser_missed_pct) },
      { metric: "server_only", label: "Server only", value: c.orders.server_only, shown: fmt.count(c.orders.server_only) },
      { metric: "server_only_revenue", label: "Their revenue", value: c.revenue.server_only, shown: fmt.money(c.revenue.server_only) },
      { metric: "both", label: "Seen by both", value: c.orders.both, shown: fmt.count(c.orders.both) },
      { metric: "client_only", label: "Browser only", value: c.orders.client_only, shown: fmt.count(c.orders.client_only) },
    ];
    const node = h("div", {});
    node.append(tiles(list));
    // The report means something only where the shop also sends its orders from its server.
    if (c.server_orders === 0) node.append(h("p", { class: "note" }, "No orders came from the shop's server in this range: send them with @tally/node, the Segment-compatible API or tally-collector import to see what the browser misses."));
    return { node, csv: tilesCsv(list) };
  },
};
