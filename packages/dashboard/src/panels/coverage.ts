import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";
import { tiles, tilesCsv, type Tile } from "../tiles.js";

/** How the split's keys read: the server's sources and the browser's doors. */
const NAMES: Record<string, [side: string, name: string]> = {
  secret_key: ["Server", "Secret key (backend, Segment server libraries)"],
  shopify: ["Server", "Shopify webhooks"],
  woocommerce: ["Server", "WooCommerce webhooks"],
  stripe: ["Server", "Stripe webhooks"],
  import: ["Server", "Import"],
  script_tag: ["Browser", "Script tag or SDK"],
  pixel: ["Browser", "Shopify pixel"],
  segment_browser: ["Browser", "Segment browser library"],
};

interface SourceRow {
  side: string;
  source: string;
  orders: number;
  revenue: number;
}

/** What the browser missed: orders only the shop's server reported, and where each side's orders came from (coverage endpoint). */
export const coveragePanel: Panel = {
  id: "coverage",
  title: "Orders the browser missed",
  size: "double",
  async load({ api, range, fmt }) {
    const c = await api.ecommerce("coverage", rangeParams(range));
    const list: Tile[] = [
      {
        metric: "browser_missed_pct",
        label: "Missed by the browser",
        value: c.browser_missed_pct,
        shown: fmt.percent(c.browser_missed_pct),
      },
      {
        metric: "server_only",
        label: "Server only",
        value: c.orders.server_only,
        shown: fmt.count(c.orders.server_only),
      },
      {
        metric: "server_only_revenue",
        label: "Their revenue",
        value: c.revenue.server_only,
        shown: fmt.money(c.revenue.server_only),
      },
      { metric: "both", label: "Seen by both", value: c.orders.both, shown: fmt.count(c.orders.both) },
      {
        metric: "client_only",
        label: "Browser only",
        value: c.orders.client_only,
        shown: fmt.count(c.orders.client_only),
      },
    ];
    const node = h("div", {});
    node.append(tiles(list));
    // The report means something only where the shop also sends its orders from its server.
    // Where the orders each side saw came from: only the sources and doors that brought any.
    const sources: SourceRow[] = Object.entries({ ...(c.server_by_source ?? {}), ...(c.browser_by_door ?? {}) })
      .filter(([, s]) => s.orders > 0)
      .map(([key, s]) => ({
        side: NAMES[key]?.[0] ?? "",
        source: NAMES[key]?.[1] ?? key,
        orders: s.orders,
        revenue: s.revenue,
      }));
    if (sources.length) {
      node.append(
        tableView<SourceRow>(
          [
            { label: "Seen by", value: (r) => r.side },
            { label: "Source", value: (r) => r.source },
            { label: "Orders", value: (r) => r.orders, show: (r) => fmt.count(r.orders), numeric: true },
            { label: "Revenue", value: (r) => r.revenue, show: (r) => fmt.money(r.revenue), numeric: true },
          ],
          sources,
        ).node,
      );
    }
    if (c.server_orders === 0)
      node.append(
        h(
          "p",
          { class: "note" },
          "No orders came from the shop's server in this range: send them with @tally/node, the Segment-compatible API, a Shopify, WooCommerce or Stripe source (tally-collector source add) or tally-collector import to see what the browser misses.",
        ),
      );
    return { node, csv: tilesCsv(list) };
  },
};
