import type { Cohorts } from "../answers.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { urlOption } from "../url-option.js";

type Cohort = Cohorts["cohorts"][number];

const MONTHS = ["3", "6", "12", "24"] as const;
const monthsOption = urlOption("months", MONTHS, "6");

/** The cohort matrix: a row per acquisition month, a column per month after it, shaded by revenue. */
export function cohortsPanel(): Panel {
  return {
    id: "cohorts",
    title: "Cohorts",
    size: "wide",
    controls: (reload) =>
      h(
        "div",
        { class: "controls" },
        h(
          "label",
          {},
          "Cohorts ",
          h(
            "select",
            {
              name: "months",
              onchange: (e) => {
                monthsOption.set((e.target as HTMLSelectElement).value as (typeof MONTHS)[number]);
                reload();
              },
            },
            ...MONTHS.map((m) => h("option", { value: m, selected: m === monthsOption.get() }, `${m} months`)),
          ),
        ),
        h("span", { class: "note" }, "By month of first purchase; not limited by the range above."),
      ),
    async load({ api, fmt }) {
      const answer = await api.ecommerce("cohorts", { months: monthsOption.get() });
      const width = Math.max(0, ...answer.cohorts.map((c) => Object.keys(c.revenue_by_month).length));
      const top = Math.max(Number.MIN_VALUE, ...answer.cohorts.flatMap((c) => Object.values(c.revenue_by_month)));
      const cell = (c: Cohort, k: number) => {
        const value = c.revenue_by_month[String(k)];
        if (value === undefined) return h("td", { class: "num void" });
        const td = h("td", { class: "num", "data-value": value }, fmt.money(value));
        // A shade per cell through CSSOM (allowed by the strict CSP, unlike a style attribute).
        td.style.setProperty("--shade", String(value / top));
        return td;
      };
      const table = h(
        "table",
        { class: "cohorts" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Cohort"),
            h("th", { scope: "col", class: "num" }, "Buyers"),
            ...Array.from({ length: width }, (_, k) => h("th", { scope: "col", class: "num" }, `Month ${k}`)),
          ),
        ),
        h(
          "tbody",
          {},
          ...answer.cohorts.map((c) =>
            h(
              "tr",
              { "data-month": c.month },
              h("th", { scope: "row" }, fmt.month(c.month)),
              h("td", { class: "num", "data-value": c.users }, fmt.count(c.users)),
              ...Array.from({ length: width }, (_, k) => cell(c, k)),
            ),
          ),
        ),
      );
      const summary = h(
        "p",
        { class: "note", "data-avg-ltv": answer.avg_ltv, "data-total-purchasing-users": answer.total_purchasing_users },
        `Average lifetime value ${fmt.money(answer.avg_ltv)} over ${fmt.count(answer.total_purchasing_users)} buyers.`,
      );
      const header = ["cohort", "users", ...Array.from({ length: width }, (_, k) => `month_${k}`)].join(",");
      const lines = answer.cohorts.map((c) =>
        [c.month, c.users, ...Array.from({ length: width }, (_, k) => c.revenue_by_month[String(k)] ?? "")].join(","),
      );
      const node = answer.cohorts.length
        ? h("div", {}, h("div", { class: "table-wrap" }, table), summary)
        : h("p", { class: "empty" }, "No purchase yet.");
      return { node, csv: `${[header, ...lines].join("\r\n")}\r\n` };
    },
  };
}
