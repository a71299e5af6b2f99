import { h } from "./dom.js";

/** A horizontal bar `share` (0–1) of the track's width; the width is set through CSSOM, which a strict CSP allows. */
export function bar(share: number): HTMLElement {
  const fill = h("span", { class: "bar-fill" });
  fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  return h("span", { class: "bar", "aria-hidden": "true" }, fill);
}
