import { test as base, expect, type Page } from "@playwright/test";

/** What the page complained about: console errors and uncaught exceptions. */
export interface PageWatch {
  problems: string[];
  /** Every URL the page requested. */
  urls: string[];
  /** The Authorization header of every query API request. */
  authorizations: string[];
}

/** Each test's page is watched; a console error fails the test unless the test takes it. */
export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page }, use) => {
    const watch: PageWatch = { problems: [], urls: [], authorizations: [] };
    page.on("console", (m) => m.type() === "error" && watch.problems.push(m.text()));
    page.on("pageerror", (e) => watch.problems.push(e.message));
    page.on("request", (r) => {
      watch.urls.push(r.url());
      if (new URL(r.url()).pathname.startsWith("/v1/")) watch.authorizations.push(r.headers().authorization ?? "");
    });
    await use(watch);
    expect(watch.problems, "console errors").toEqual([]);
  },
});

export { expect };

/** Signs in as a person would: the field found by its label, Enter to submit. */
export async function signIn(page: Page, key: string) {
  const field = page.getByLabel("Secret key");
  await field.fill(key);
  await field.press("Enter");
}

/** A panel by its heading. */
export const panel = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

/** Waits until the dashboard is shown and every panel has loaded, none failing, for the current range. */
export async function panelsSettled(page: Page) {
  await expect(page.locator("section.panel").first()).toBeVisible();
  await expect(page.locator("section.panel[data-state=loading]")).toHaveCount(0);
  await expect(page.locator("section.panel[data-state=error]")).toHaveCount(0);
}

/** The raw values (`data-value`) of a table panel's body, row by row. */
export async function tableValues(page: Page, title: string): Promise<string[][]> {
  return panel(page, title)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.dataset.value ?? "")));
}

/** A tile's raw value and its text. */
export async function tile(page: Page, title: string, metric: string) {
  const el = panel(page, title).locator(`[data-metric="${metric}"]`);
  return { value: Number(await el.getAttribute("data-value")), text: (await el.locator("dd").textContent()) ?? "" };
}

/** What the page should show for an API value, written independently of the dashboard's code. */
export const expected = {
  money: (v: number, currency = "USD") => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(v),
  count: (v: number) => new Intl.NumberFormat("en-US").format(v),
  percent: (v: number) => `${v.toFixed(1)}%`,
};

/** A row of API values as the cells keep them (null as empty). */
export const cells = (...values: Array<string | number | null | undefined>) =>
  values.map((v) => (v === null || v === undefined ? "" : String(v)));
