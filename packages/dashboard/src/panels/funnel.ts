import type { Funnel } from "../answers.js";
import { bar } from "../bars.js";
import { toCsv } from "../csv.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";

const STEP_LABELS: Record<string, string> = {
  view_item: "Viewed a product",
  add_to_cart: "Added to cart",
  view_cart: "Viewed the cart",
  begin_checkout: "Began checkout",
  add_payment_info: "Entered payment",
  purchase: "Purchased",
};

type Step = Funnel["steps"][number];

export const funnelPanel: Panel = {
  id: "funnel",
  title: "Funnel",
  size: "double",
  async load({ api, range, fmt }) {
    const { steps } = await api.ecommerce("funnel", rangeParams(range));
    const top = Math.max(1, steps[0]?.count ?? 0);
    const rows = steps.map((s, i) =>
      h(
        "li",
        { "data-step": s.name, "data-count": s.count, "data-percentage": s.percentage },
        h("span", { class: "step-name" }, STEP_LABELS[s.name] ?? s.name),
        bar(s.count / top),
        h("span", { class: "num step-count" }, fmt.count(s.count)),
        h(
          "span",
          { class: "num step-pct", title: i === 0 ? "first step" : "of the step before" },
          fmt.percent(s.percentage),
        ),
      ),
    );
    const csv = toCsv<Step>(
      [
        { label: "step", value: (s) => s.name },
        { label: "visitors", value: (s) => s.count },
        { label: "percentage_of_previous", value: (s) => s.percentage },
      ],
      steps,
    );
    return { node: h("ol", { class: "funnel" }, ...rows), csv };
  },
};
