import { h } from "./dom.js";

export interface Tile {
  /** The API field the tile shows (kept in `data-metric`, its raw value in `data-value`). */
  metric: string;
  label: string;
  value: number;
  shown: string;
}

/** A row of big numbers. */
export function tiles(list: Tile[]): HTMLElement {
  return h(
    "dl",
    { class: "tiles" },
    ...list.map((t) =>
      h(
        "div",
        { class: "tile", "data-metric": t.metric, "data-value": t.value },
        h("dt", {}, t.label),
        h("dd", {}, t.shown),
      ),
    ),
  );
}

/** The CSV of tiles: one metric a line. */
export function tilesCsv(list: Tile[]): string {
  return `${["metric,value", ...list.map((t) => `${t.metric},${t.value}`)].join("\r\n")}\r\n`;
}
