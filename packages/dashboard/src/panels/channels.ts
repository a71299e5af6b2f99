import type { Channel } from "../answers.js";
import type { Column } from "../csv.js";
import type { Formats } from "../format.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";

/** The campaign, source and medium columns shared by channels and attribution. */
export function campaignColumns<
  Row extends { campaign: string | null; source: string | null; medium: string | null },
>(): Column<Row>[] {
  return [
    { label: "Campaign", value: (r) => r.campaign },
    { label: "Source", value: (r) => r.source },
    { label: "Medium", value: (r) => r.medium },
  ];
}

export const moneyColumn = <Row extends { revenue: number }>(fmt: Formats): Column<Row> => ({
  label: "Revenue",
  value: (r) => r.revenue,
  show: (r) => fmt.money(r.revenue),
  numeric: true,
});

export const channelsPanel: Panel = {
  id: "revenue-by-channel",
  title: "Channels",
  size: "wide",
  async load({ api, range, fmt }) {
    const { channels } = await api.ecommerce("revenue-by-channel", rangeParams(range));
    return tableView<Channel>(
      [
        ...campaignColumns<Channel>(),
        moneyColumn<Channel>(fmt),
        { label: "Orders", value: (c) => c.orders, show: (c) => fmt.count(c.orders), numeric: true },
        {
          label: "Conversion",
          value: (c) => c.conversion_rate,
          show: (c) => fmt.percent(c.conversion_rate),
          numeric: true,
        },
      ],
      channels,
      "No order in this range.",
    );
  },
};
