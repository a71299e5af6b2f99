import type { JourneyEvent } from "../answers.js";
import { h } from "../dom.js";
import type { Panel } from "../panel.js";
import { rangeParams } from "../range.js";
import { tableView } from "../table.js";

/** One user's events, oldest first, looked up by user id. */
export function journeyPanel(): Panel {
  let userId = "";
  return {
    id: "user-journey",
    title: "User journey",
    size: "wide",
    controls: (reload) => {
      const input = h("input", {
        type: "search",
        name: "user_id",
        id: "journey-user",
        autocomplete: "off",
        maxlength: 200,
        required: true,
      });
      return h(
        "form",
        {
          class: "controls",
          role: "search",
          onsubmit: (e) => {
            e.preventDefault();
            userId = input.value.trim();
            reload();
          },
        },
        h("label", { for: "journey-user" }, "User id "),
        input,
        h("button", { type: "submit" }, "Look up"),
      );
    },
    async load({ api, range, fmt }) {
      if (!userId) return { node: h("p", { class: "empty" }, "Enter a user id to see their events."), csv: "" };
      const { events } = await api.ecommerce("user-journey", {
        ...rangeParams(range),
        user_id: userId,
      });
      return tableView<JourneyEvent>(
        [
          { label: "When", value: (e) => e.timestamp, show: (e) => fmt.instant(e.timestamp) },
          { label: "Event", value: (e) => e.event_type },
          { label: "Order", value: (e) => e.transaction_id ?? null },
          { label: "Items", value: (e) => (e.items ?? []).map((i) => i.item_name ?? i.item_id).join("; ") || null },
          {
            label: "Revenue",
            value: (e) => e.revenue ?? null,
            show: (e) => (e.revenue === undefined ? "" : fmt.money(e.revenue)),
            numeric: true,
          },
        ],
        events,
        `No event for user ${userId} in this range.`,
      );
    },
  };
}
