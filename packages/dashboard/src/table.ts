import { toCsv, type Column } from "./csv.js";
import { h } from "./dom.js";
import type { PanelView } from "./panel.js";

/**
 * A table panel's view: the screen shows each column's formatted value, the CSV its raw one,
 * both from the same column list. Each cell keeps its raw value in `data-value`.
 */
export function tableView<Row>(columns: Column<Row>[], rows: Row[], empty = "Nothing in this range."): PanelView {
  const csv = toCsv(columns, rows);
  if (rows.length === 0) return { node: h("p", { class: "empty" }, empty), csv };
  const head = h(
    "tr",
    {},
    ...columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : undefined }, c.label)),
  );
  const body = rows.map((row) =>
    h(
      "tr",
      {},
      ...columns.map((c) => {
        const raw = c.value(row);
        return h(
          "td",
          { class: c.numeric ? "num" : undefined, "data-value": raw ?? "" },
          c.show ? c.show(row) : raw === null ? "—" : String(raw),
        );
      }),
    ),
  );
  return {
    node: h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, head), h("tbody", {}, ...body))),
    csv,
  };
}
