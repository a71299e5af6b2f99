import { h } from "./dom.js";

/** The script tag a shop pastes to start sending events to this collector. */
export function scriptTag(origin: string, publishableKey: string): string {
  return `<script async src="${origin}/tally.js" data-key="${publishableKey}"></script>`;
}

/** Hello Retail's conversion call, which the script tag understands as it is. */
export const HELLO_RETAIL_SNIPPET = `<script>
  hrq = window.hrq || [];
  hrq.push(["trackConversion", {
    total: 499.32,
    orderNumber: "110-2347",
    email: "customer@example.com",
    customerId: "53967",
    productNumbers: ["p-1234", "p-4567"]
  }]);
</script>`;

function snippet(id: string, label: string, text: () => string): { node: HTMLElement; refresh(): void } {
  const code = h("code", { id });
  const copy = h(
    "button",
    { type: "button", class: "copy", onclick: () => void navigator.clipboard?.writeText(code.textContent ?? "") },
    "Copy",
  );
  const refresh = () => {
    code.textContent = text();
  };
  refresh();
  return { node: h("figure", { class: "snippet" }, h("figcaption", {}, label, copy), h("pre", {}, code)), refresh };
}

/**
 * What a shop with no events yet sees: the script tag for this collector and the Hello Retail
 * call for the thank-you page. Keys are stored hashed, so the publishable key the collector
 * printed at creation is typed in once and written into the tag.
 */
export function emptyStateView(origin: string): HTMLElement {
  const key = h("input", {
    id: "publishable-key",
    type: "text",
    placeholder: "pk_…",
    spellcheck: "false",
    autocomplete: "off",
  });
  const tag = snippet("script-tag", "On every page of the shop, before </body>:", () =>
    scriptTag(origin, key.value.trim() || "pk_…"),
  );
  key.addEventListener("input", tag.refresh);
  const conversion = snippet(
    "conversion-snippet",
    "On the thank-you page, with the order's values:",
    () => HELLO_RETAIL_SNIPPET,
  );
  return h(
    "section",
    { class: "empty-state", "aria-labelledby": "empty-title" },
    h("h2", { id: "empty-title" }, "No events yet"),
    h("p", {}, "Add Tally to the shop and this page fills in by itself when the first event arrives."),
    h("label", { for: "publishable-key" }, "Publishable key"),
    key,
    tag.node,
    conversion.node,
  );
}
