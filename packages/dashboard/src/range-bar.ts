import { h } from "./dom.js";
import { PRESET_DAYS, sameRange, type Range } from "./range.js";

/** The range picker: one button per preset, and a custom start–end. */
export function rangeBar(current: Range, onChange: (range: Range) => void): HTMLElement {
  const presets = PRESET_DAYS.map((days) =>
    h(
      "button",
      { type: "button", "aria-pressed": String(sameRange(current, { days })), onclick: () => onChange({ days }) },
      `${days} days`,
    ),
  );
  const start = h("input", {
    type: "date",
    id: "range-start",
    required: true,
    value: "start" in current ? current.start : "",
  });
  const end = h("input", { type: "date", id: "range-end", required: true, value: "end" in current ? current.end : "" });
  const custom = h(
    "form",
    {
      class: "custom-range",
      onsubmit: (event) => {
        event.preventDefault();
        if (start.value && end.value && start.value <= end.value) onChange({ start: start.value, end: end.value });
        else end.setCustomValidity("The end must not be before the start");
        end.reportValidity();
      },
    },
    h("label", { for: "range-start" }, "From"),
    start,
    h("label", { for: "range-end" }, "to"),
    end,
    h("button", { type: "submit" }, "Apply"),
  );
  end.addEventListener("input", () => end.setCustomValidity(""));
  return h(
    "nav",
    { class: "range", "aria-label": "Date range" },
    h("div", { class: "presets", role: "group", "aria-label": "Last" }, ...presets),
    custom,
  );
}
