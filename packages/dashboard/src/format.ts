/** How the dashboard writes numbers, money, percentages and dates for one viewer. */
export interface Formats {
  /** An amount in the appspace's base currency, with that currency's own minor digits. */
  money(amount: number): string;
  /** A whole count with the locale's grouping. */
  count(n: number): string;
  /** A percentage the API gives as 0–100, to one decimal. */
  percent(value: number): string;
  /** A UTC calendar day (`2026-01-31`) in the viewer's locale. */
  day(isoDay: string): string;
  /** A UTC month (`2026-01`) in the viewer's locale. */
  month(isoMonth: string): string;
  /** An instant (ISO 8601) in the viewer's locale and time zone. */
  instant(iso: string): string;
}

/**
 * Formats for an appspace's base currency. `Intl.NumberFormat` knows each currency's minor
 * digits (JPY 0, KWD 3), so amounts are never rounded by hand here.
 *
 * @example
 * createFormats("USD", "en-US").money(1234.56); // "$1,234.56"
 * createFormats("KWD", "en-US").money(1.2345); // "KWD 1.235" (with a no-break space)
 */
export function createFormats(currency: string, locale?: string): Formats {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  // Days and months are UTC calendar units: shown in UTC so a viewer west of Greenwich does not see the day before.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    money: (amount) => money.format(amount),
    count: (n) => count.format(n),
    percent: (value) => percent.format(value / 100),
    day: (isoDay) => day.format(new Date(`${isoDay}T00:00:00Z`)),
    month: (isoMonth) => month.format(new Date(`${isoMonth}-01T00:00:00Z`)),
    instant: (iso) => instant.format(new Date(iso)),
  };
}
