import { bar } from "../bars.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";

type Row = { revenue: number; orders: number } & Record<string, string | number | null>;

const DEVICE_NAMES: Record<string, string> = { mobile: "Mobile", tablet: "Tablet", desktop: "Desktop" };
const PLATFORM_NAMES: Record<string, string> = { web: "Web", ios: "iOS", android: "Android" };
const regionNames = new Intl.DisplayNames(undefined, { type: "region" });

/** revenue-by-device|platform|country: one table each, revenue drawn as a bar against the largest. */
function breakdownPanel(
  endpoint: "revenue-by-device" | "revenue-by-platform" | "revenue-by-country",
  title: string,
  list: string,
  field: string,
  label: string,
  name: (key: string) => string,
  size?: Panel["size"],
): Panel {
  return {
    id: endpoint,
    title,
    size,
    async load({ api, range, fmt }) {
      // The three answers differ only in the list's and the field's names, given with the panel.
      const answer = (await api.ecommerce(endpoint, rangeParams(range))) as unknown as Record<string, Row[]>;
      const rows = answer[list] ?? [];
      const top = Math.max(Number.MIN_VALUE, ...rows.map((r) => r.revenue));
      const key = (r: Row) => (r[field] === null ? null : String(r[field]));
      return tableView<Row>(
        [
          { label, value: key, show: (r) => (key(r) === null ? "Unknown" : name(key(r)!)) },
          {
            label: "Revenue",
            value: (r) => r.revenue,
            show: (r) => h("span", { class: "with-bar" }, bar(r.revenue / top), fmt.money(r.revenue)),
            numeric: true,
          },
          { label: "Orders", value: (r) => r.orders, show: (r) => fmt.count(r.orders), numeric: true },
        ],
        rows,
        "No order in this range.",
      );
    },
  };
}

const countryName = (code: string) => {
  try {
    return `${regionNames.of(code) ?? code} (${code})`;
  } catch {
    // Not a region code Intl knows: show it as the API gave it.
    return code;
  }
};

export const devicesPanel = breakdownPanel(
  "revenue-by-device",
  "Devices",
  "devices",
  "device_type",
  "Device",
  (k) => DEVICE_NAMES[k] ?? k,
);
export const platformsPanel = breakdownPanel(
  "revenue-by-platform",
  "Platforms",
  "platforms",
  "platform",
  "Platform",
  (k) => PLATFORM_NAMES[k] ?? k,
);
export const countriesPanel = breakdownPanel(
  "revenue-by-country",
  "Countries",
  "countries",
  "country",
  "Country",
  countryName,
  "double",
);
