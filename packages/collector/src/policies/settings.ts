import type { AppspaceRow } from "../store.js";
import { FRAUD_RULES, isRuleName, type RuleName } from "./fraud/rules.js";
import type { Severity } from "./fraud/severity.js";

export type Plan = "free" | "pro";

/** An appspace's policies, read from its row with every default filled in. */
export interface AppspaceSettings {
  plan: Plan;
  /** Accepted events per UTC calendar month; null: no quota. */
  quota: number | null;
  retentionDays: number;
  /** In base minor units; null: none. */
  maxOrderValue: number | null;
  /** Allowed currencies; null: any. */
  currencies: readonly string[] | null;
  fraud: Record<RuleName, Severity>;
}

/** The settings columns of an appspace row (older rows, and inbox entries written before them, lack them). */
export type SettingsColumns = Pick<
  AppspaceRow,
  "plan" | "quota" | "max_order_value" | "currencies" | "fraud" | "retention_days"
>;

/**
 * An appspace's settings. Defaults: plan `pro` (self-hosted: nothing is gated until the
 * operator says so), no quota, retention 365 days, no max order value, any currency, and each
 * fraud rule's own default severity.
 *
 * @example
 * settingsOf(appspace).fraud.bot; // "block"
 */
export function settingsOf(row: Partial<SettingsColumns>): AppspaceSettings {
  const overrides = parseFraud(row.fraud);
  const fraud = {} as Record<RuleName, Severity>;
  for (const rule of FRAUD_RULES) fraud[rule.name] = overrides[rule.name] ?? rule.defaultSeverity;
  return {
    plan: row.plan === "free" ? "free" : "pro",
    quota: row.quota ?? null,
    retentionDays: row.retention_days ?? 365,
    maxOrderValue: row.max_order_value ?? null,
    currencies: row.currencies ? row.currencies.split(",") : null,
    fraud,
  };
}

function parseFraud(text: string | undefined): Partial<Record<RuleName, Severity>> {
  if (!text) return {};
  const parsed = JSON.parse(text) as Record<string, Severity>;
  return Object.fromEntries(Object.entries(parsed).filter(([name]) => isRuleName(name)));
}
