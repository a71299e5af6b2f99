import { botRule } from "./bot.js";
import { currencyRestrictedRule } from "./currency-restricted.js";
import type { FraudRule } from "./fraud-input.js";
import { impossibleRevenueRule } from "./impossible-revenue.js";
import { velocityRule } from "./velocity.js";

/** Every fraud rule, in the order they are listed; each rule's name and default live in its own file. */
export const FRAUD_RULES = [
  botRule,
  impossibleRevenueRule,
  velocityRule,
  currencyRestrictedRule,
] as const satisfies readonly FraudRule[];

export type RuleName = (typeof FRAUD_RULES)[number]["name"];

export const RULE_NAMES: readonly RuleName[] = FRAUD_RULES.map((r) => r.name);

export const isRuleName = (name: string): name is RuleName => (RULE_NAMES as readonly string[]).includes(name);
