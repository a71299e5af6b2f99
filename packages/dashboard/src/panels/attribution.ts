import type { Attribution } from "../answers.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";
import { urlOption } from "../url-option.js";
import { campaignColumns, moneyColumn } from "./channels.js";

const MODELS = { last_click: "Last click", linear: "Linear", time_decay: "Time decay" } as const;
const WINDOWS = ["7", "14", "30", "60", "90"] as const;
const modelOption = urlOption("model", Object.keys(MODELS) as Array<keyof typeof MODELS>, "last_click");
const windowOption = urlOption("window", WINDOWS, "30");

type Row = Attribution["attributed"][number];

/** Attribution with its own model and window selectors (the API's options), kept in the URL. */
export function attributionPanel(): Panel {
  const select = (
    label: string,
    name: string,
    options: Array<[string, string]>,
    current: string,
    onchange: (value: string) => void,
  ) =>
    h(
      "label",
      {},
      `${label} `,
      h(
        "select",
        { name, onchange: (e) => onchange((e.target as HTMLSelectElement).value) },
        ...options.map(([value, text]) => h("option", { value, selected: value === current }, text)),
      ),
    );
  return {
    id: "attribution",
    title: "Attribution",
    size: "wide",
    controls: (reload) =>
      h(
        "div",
        { class: "controls" },
        select("Model", "model", Object.entries(MODELS), modelOption.get(), (v) => {
          modelOption.set(v as keyof typeof MODELS);
          reload();
        }),
        select(
          "Window",
          "window",
          WINDOWS.map((w) => [w, `${w} days`]),
          windowOption.get(),
          (v) => {
            windowOption.set(v as (typeof WINDOWS)[number]);
            reload();
          },
        ),
      ),
    async load({ api, range, fmt }) {
      const model = modelOption.get();
      const a = await api.ecommerce("attribution", {
        ...rangeParams(range),
        model,
        window: windowOption.get(),
      });
      const rows: Row[] = [...a.attributed];
      const view = tableView<Row>(
        [
          ...campaignColumns<Row>(),
          moneyColumn<Row>(fmt),
          { label: "Orders", value: (r) => r.orders, show: (r) => fmt.count(r.orders), numeric: true },
          { label: "Share", value: (r) => r.pct_of_total, show: (r) => fmt.percent(r.pct_of_total), numeric: true },
        ],
        rows,
        "No order with a campaign touchpoint in this range.",
      );
      const unattributed = h(
        "p",
        {
          class: "note",
          "data-unattributed-revenue": a.unattributed.revenue,
          "data-unattributed-orders": a.unattributed.orders,
        },
        `Unattributed: ${fmt.money(a.unattributed.revenue)} from ${fmt.count(a.unattributed.orders)} orders (${MODELS[model]}, ${a.window_days}-day window).`,
      );
      const csv = `${view.csv}unattributed,,,${a.unattributed.revenue},${a.unattributed.orders},\r\n`;
      return { node: h("div", {}, view.node, unattributed), csv };
    },
  };
}
