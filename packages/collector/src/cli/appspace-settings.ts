import { CURRENCY_PATTERN, fromMinor, toMinor } from "@tally/schema";
import { FRAUD_RULES, isRuleName } from "../policies/fraud/rules.js";
import { SEVERITIES, type Severity } from "../policies/fraud/severity.js";
import { settingsOf } from "../policies/settings.js";
import type { AppspaceChanges, AppspaceRow } from "../store.js";
import { UsageError } from "./args.js";

/** The flags of `appspace update`, as parsed. */
export interface SettingsFlags {
  name?: string;
  currency?: string;
  plan?: string;
  quota?: string;
  retention?: string;
  "max-order-value"?: string;
  currencies?: string;
  fraud?: string[];
  "hello-retail"?: string;
}

const wholeNumber = (flag: string, value: string, min: number) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${flag} must be a whole number, ${min} or more, not "${value}"`);
  return n;
};

const isoCode = (flag: string, value: string) => {
  const code = value.trim().toUpperCase();
  if (!CURRENCY_PATTERN.test(code))
    throw new UsageError(`--${flag} takes ISO 4217 codes such as USD or EUR, not "${value}"`);
  return code;
};

/**
 * The changes `appspace update` asks for, checked: a bad value is a usage error naming the flag.
 * `--max-order-value` is in the base currency's major units (the new base when it changes too).
 */
export function settingsChanges(flags: SettingsFlags, row: AppspaceRow): AppspaceChanges {
  const changes: AppspaceChanges = {};
  if (flags.name !== undefined) {
    if (!flags.name.trim()) throw new UsageError("--name must not be blank");
    changes.name = flags.name;
  }
  if (flags.currency !== undefined) changes.currency = isoCode("currency", flags.currency);
  if (flags.plan !== undefined) {
    if (flags.plan !== "free" && flags.plan !== "pro")
      throw new UsageError(`--plan must be "free" or "pro", not "${flags.plan}"`);
    changes.plan = flags.plan;
  }
  if (flags.quota !== undefined) changes.quota = flags.quota === "none" ? null : wholeNumber("quota", flags.quota, 0);
  if (flags.retention !== undefined) changes.retention_days = wholeNumber("retention", flags.retention, 1);
  const max = flags["max-order-value"];
  if (max !== undefined) {
    const amount = Number(max);
    if (max === "none") changes.max_order_value = null;
    else if (!/^\d+(\.\d+)?$/.test(max) || !Number.isFinite(amount))
      throw new UsageError(`--max-order-value must be an amount such as 2500 or 99.50, or "none", not "${max}"`);
    else changes.max_order_value = toMinor(amount, changes.currency ?? row.currency);
  }
  if (flags.currencies !== undefined) {
    changes.currencies =
      flags.currencies === "any"
        ? null
        : [...new Set(flags.currencies.split(",").map((c) => isoCode("currencies", c)))].join(",");
  }
  const helloRetail = flags["hello-retail"];
  if (helloRetail !== undefined) {
    if (helloRetail !== "on" && helloRetail !== "off")
      throw new UsageError(`--hello-retail must be "on" or "off", not "${helloRetail}"`);
    changes.hello_retail = helloRetail === "on" ? 1 : 0;
  }
  if (flags.fraud?.length) {
    const severities: Record<string, Severity> = JSON.parse(row.fraud ?? "{}");
    for (const setting of flags.fraud) {
      const [rule, severity] = setting.split("=", 2) as [string, string | undefined];
      if (!isRuleName(rule))
        throw new UsageError(`--fraud names a rule: ${FRAUD_RULES.map((r) => r.name).join(", ")}; not "${rule}"`);
      if (!SEVERITIES.includes(severity as Severity))
        throw new UsageError(`--fraud ${rule}= takes ${SEVERITIES.join(", ")}, not "${severity ?? ""}"`);
      severities[rule] = severity as Severity;
    }
    changes.fraud = JSON.stringify(severities);
  }
  return changes;
}

/** An appspace's settings as `appspace show --json` prints them: money in the base currency's major units. */
export function settingsView(row: AppspaceRow) {
  const s = settingsOf(row);
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    plan: s.plan,
    quota: s.quota,
    retention_days: s.retentionDays,
    max_order_value: s.maxOrderValue === null ? null : fromMinor(s.maxOrderValue, row.currency),
    currencies: s.currencies ?? "any",
    fraud: s.fraud,
    website_id: row.website_id ?? row.id,
    hello_retail: row.hello_retail === 0 ? "off" : "on",
  };
}

/** The same, for people. */
export function settingsText(
  view: ReturnType<typeof settingsView> & { dropped_this_month?: Record<string, number> },
  usedThisMonth: number,
): string {
  const quota = view.quota === null ? "none" : `${view.quota} events a month (${usedThisMonth} used this month)`;
  const currencies = typeof view.currencies === "string" ? view.currencies : view.currencies.join(", ");
  const rules = FRAUD_RULES.map(
    (r) => `    ${r.name.padEnd(20)} ${view.fraud[r.name].padEnd(6)} ${r.description}`,
  ).join("\n");
  const dropped =
    view.dropped_this_month &&
    Object.entries(view.dropped_this_month)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(", ");
  const droppedLine = view.dropped_this_month
    ? `\n  dropped          ${dropped || "none"} this month (answered as accepted, not stored)`
    : "";
  return `Appspace "${view.name}" (${view.id})
  currency         ${view.currency}
  plan             ${view.plan}
  quota            ${quota}
  retention        ${view.retention_days} days
  max order value  ${view.max_order_value === null ? "none" : `${view.max_order_value} ${view.currency}`}
  currencies       ${currencies}
  hello retail     ${view.hello_retail}, website id ${view.website_id}
  fraud rules
${rules}${droppedLine}`;
}
