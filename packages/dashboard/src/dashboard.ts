import { createApi, type Appspace } from "./api.js";
import { h } from "./dom.js";
import { emptyStateView } from "./empty-state.js";
import { createFormats } from "./format.js";
import { hasNoEvents } from "./is-empty.js";
import { mountPanel, type Panel } from "./panel.js";
import { attributionPanel } from "./panels/attribution.js";
import { countriesPanel, devicesPanel, platformsPanel } from "./panels/breakdowns.js";
import { cartsPanel } from "./panels/carts.js";
import { channelsPanel } from "./panels/channels.js";
import { cohortsPanel } from "./panels/cohorts.js";
import { coveragePanel } from "./panels/coverage.js";
import { couponsPanel } from "./panels/coupons.js";
import { funnelPanel } from "./panels/funnel.js";
import { journeyPanel } from "./panels/journey.js";
import { overviewPanel } from "./panels/overview.js";
import { productsPanel } from "./panels/products.js";
import { revenueChartPanel } from "./panels/revenue-chart.js";
import { rangeBar } from "./range-bar.js";
import { rangeFromSearch, searchWithRange, type Range } from "./range.js";

const EMPTY_POLL_MS = 5000;

export interface DashboardView {
  node: HTMLElement;
  /** Stops polling and listening; called on sign-out. */
  dispose(): void;
}

/** The signed-in page: header, range, and one panel per endpoint, all following the range in the URL. */
export function dashboardView(key: string, appspace: Appspace, onSignOut: () => void): DashboardView {
  const api = createApi(key);
  const fmt = createFormats(appspace.currency);
  let range = rangeFromSearch(location.search);
  let poll: ReturnType<typeof setInterval> | undefined;

  const panels: Panel[] = [
    overviewPanel,
    revenueChartPanel,
    funnelPanel,
    cartsPanel,
    productsPanel,
    couponsPanel,
    channelsPanel,
    attributionPanel(),
    devicesPanel,
    platformsPanel,
    countriesPanel,
    cohortsPanel(),
    coveragePanel,
    journeyPanel(),
  ];
  const grid = h("div", { class: "panels" });
  const mounted = panels.map((p) => mountPanel(p, grid));
  const emptySlot = h("div", {});
  const rangeSlot = h("div", { class: "range-slot" });

  const loadAll = () => {
    const ctx = { api, appspace, range, fmt };
    for (const panel of mounted) void panel.load(ctx);
  };
  const showRange = () => rangeSlot.replaceChildren(rangeBar(range, changeRange));
  function changeRange(next: Range) {
    range = next;
    history.pushState(null, "", searchWithRange(location.search, range));
    showRange();
    loadAll();
  }
  const onPopState = () => {
    range = rangeFromSearch(location.search);
    showRange();
    loadAll();
  };
  addEventListener("popstate", onPopState);

  async function watchForFirstEvent() {
    let empty: boolean;
    try {
      empty = await hasNoEvents(api, appspace);
    } catch {
      // The panels show the API's error themselves; the empty state just stays as it is.
      return;
    }
    if (empty && !emptySlot.firstChild) emptySlot.replaceChildren(emptyStateView(location.origin));
    if (empty && poll === undefined) poll = setInterval(() => void watchForFirstEvent(), EMPTY_POLL_MS);
    if (!empty && poll !== undefined) {
      clearInterval(poll);
      poll = undefined;
      emptySlot.replaceChildren();
      loadAll();
    }
  }

  showRange();
  loadAll();
  void watchForFirstEvent();

  const node = h(
    "div",
    { class: "dashboard" },
    h(
      "header",
      { class: "top" },
      h(
        "h1",
        {},
        "Tally ",
        h("span", { class: "appspace" }, appspace.name),
        h("span", { class: "currency" }, appspace.currency),
      ),
      rangeSlot,
      h("button", { type: "button", class: "sign-out", onclick: onSignOut }, "Sign out"),
    ),
    h("main", {}, emptySlot, grid),
  );
  return {
    node,
    dispose() {
      removeEventListener("popstate", onPopState);
      if (poll !== undefined) clearInterval(poll);
    },
  };
}
