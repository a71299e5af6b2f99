import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Timeseries } from "../answers.js";
import { toCsv } from "../csv.js";
import { h } from "../dom.js";
import type { Formats } from "../format.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";

type Point = Timeseries["series"][number];

const DAY_S = 86_400;
const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function chart(series: Point[], fmt: Formats, width: number): uPlot {
  const xs = series.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000);
  const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
  const tick = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
  const options: uPlot.Options = {
    width,
    height: 240,
    // Days are UTC calendar days: place and label them in UTC, not in the viewer's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, orders: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [
      {
        values: (_u, splits) => splits.map((s) => (Number.isInteger(s / DAY_S) ? tick.format(s * 1000) : "")),
        space: 80,
      },
      { values: (_u, splits) => splits.map((s) => compact.format(s)), size: 56 },
      {
        scale: "orders",
        side: 1,
        grid: { show: false },
        values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? fmt.count(s) : "")),
        size: 44,
      },
    ],
    series: [
      { value: (_u, v) => (v === null ? "" : fmt.day(isoOf(v))) },
      {
        label: "Revenue",
        stroke: "#2563eb",
        fill: "rgba(37, 99, 235, 0.12)",
        width: 2,
        value: (_u, v) => (v === null ? "" : fmt.money(v)),
      },
      {
        label: "Orders",
        scale: "orders",
        stroke: "#d97706",
        width: 2,
        dash: [4, 3],
        points: { show: series.length <= 45 },
        value: (_u, v) => (v === null ? "" : fmt.count(v)),
      },
    ],
  };
  return new uPlot(options, [xs, series.map((p) => p.revenue), series.map((p) => p.orders)]);
}

/** Revenue and orders a day, as a chart (uPlot) above their totals. */
export const revenueChartPanel: Panel = {
  id: "revenue-timeseries",
  title: "Revenue and orders over time",
  size: "wide",
  async load({ api, range, fmt }) {
    const { series } = await api.ecommerce("revenue-timeseries", rangeParams(range));
    const revenue = series.reduce((sum, p) => sum + p.revenue, 0);
    const orders = series.reduce((sum, p) => sum + p.orders, 0);
    const holder = h("div", {
      class: "chart",
      role: "img",
      "aria-label": `Revenue and orders for ${series.length} days`,
    });
    const caption = h(
      "p",
      { class: "note", "data-days": series.length, "data-orders": orders },
      `${series.length} days · ${fmt.money(revenue)} · ${fmt.count(orders)} orders`,
    );
    const node = h("div", {}, holder, caption);
    let plot: uPlot | undefined;
    // uPlot draws at a fixed width: draw once the holder is in the page, and again when it is
    // resized; a holder taken out of the page (the next range's chart replaced it) lets go.
    const observer = new ResizeObserver(([entry]) => {
      if (!holder.isConnected) {
        observer.disconnect();
        plot?.destroy();
        return;
      }
      const width = Math.floor(entry!.contentRect.width);
      if (width === 0) return;
      if (!plot) plot = chart(series, fmt, width);
      else plot.setSize({ width, height: 240 });
      if (!plot.root.isConnected) holder.append(plot.root);
    });
    observer.observe(holder);
    const csv = toCsv<Point>(
      [
        { label: "date", value: (p) => p.date },
        { label: "revenue", value: (p) => p.revenue },
        { label: "orders", value: (p) => p.orders },
      ],
      series,
    );
    return { node, csv };
  },
};
