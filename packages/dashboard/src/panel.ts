import type { Api, Appspace } from "./api.js";
import { download } from "./csv.js";
import { h } from "./dom.js";
import type { Formats } from "./format.js";
import { rangeParams, type Range } from "./range.js";

/** What every panel is given to load: the API, the range and how to write numbers. */
export interface PanelContext {
  api: Api;
  appspace: Appspace;
  range: Range;
  fmt: Formats;
}

/** A loaded panel: what to show, and its data as CSV. */
export interface PanelView {
  node: Node;
  csv: string;
}

export interface Panel {
  id: string;
  title: string;
  /** "wide" spans the whole row of the grid, "double" two columns. */
  size?: "wide" | "double";
  /** Inputs of the panel's own (model, window, user id…); calling `reload` loads it again. */
  controls?(reload: () => void): Node;
  load(ctx: PanelContext): Promise<PanelView>;
}

export interface MountedPanel {
  /** Loads the panel for `ctx`; a load started later wins over one still running. */
  load(ctx: PanelContext): Promise<void>;
}

/**
 * A panel's frame: a titled section with its own loading and error states and a CSV button, so
 * one failing endpoint shows its error in its own box and leaves the others alone.
 */
export function mountPanel(panel: Panel, parent: HTMLElement): MountedPanel {
  const titleId = `panel-${panel.id}-title`;
  const body = h("div", { class: "panel-body" });
  const status = h("p", { class: "panel-status", role: "status" });
  let csv: string | undefined;
  let lastCtx: PanelContext | undefined;
  let generation = 0;
  const csvButton = h(
    "button",
    {
      type: "button",
      class: "csv",
      "aria-label": `Download ${panel.title} as CSV`,
      disabled: true,
      onclick: () => csv && lastCtx && download(fileName(panel, lastCtx.range), csv),
    },
    "CSV",
  );
  const reload = () => lastCtx && void load(lastCtx);
  const section = h(
    "section",
    { class: panel.size ? `panel ${panel.size}` : "panel", "aria-labelledby": titleId, "data-panel": panel.id },
    h("header", {}, h("h2", { id: titleId }, panel.title), csvButton),
    panel.controls?.(reload),
    status,
    body,
  );
  parent.append(section);

  async function load(ctx: PanelContext) {
    const mine = ++generation;
    lastCtx = ctx;
    section.setAttribute("aria-busy", "true");
    section.dataset.state = "loading";
    status.textContent = "Loading…";
    status.removeAttribute("role");
    try {
      const view = await panel.load(ctx);
      if (mine !== generation) return;
      body.replaceChildren(view.node);
      csv = view.csv;
      csvButton.disabled = false;
      status.textContent = "";
      section.dataset.state = "ready";
    } catch (error) {
      if (mine !== generation) return;
      body.replaceChildren();
      csv = undefined;
      csvButton.disabled = true;
      status.setAttribute("role", "alert");
      status.textContent = `Could not load: ${(error as Error).message}`;
      section.dataset.state = "error";
    } finally {
      if (mine === generation) section.removeAttribute("aria-busy");
    }
  }
  return { load };
}

function fileName(panel: Panel, range: Range): string {
  const params = rangeParams(range);
  const span = "days" in params ? `last-${params.days}-days` : `${params.start}_${params.end}`;
  return `tally-${panel.id}-${span}.csv`;
}
