import type { FraudInput } from "./fraud-input.js";
import { FRAUD_RULES, type RuleName } from "./rules.js";

/** What the rules decided for one event: dropped (with the blocking rules), or kept with the flagging rules (none: clean). */
export type Verdict = { blocked: true; rules: RuleName[] } | { blocked: false; rules: RuleName[] };

/**
 * Runs every rule the appspace has not turned off. Any firing rule at `block` drops the event;
 * otherwise every firing `flag` rule is listed. Rules that need the store (velocity) ask only
 * when they are on.
 *
 * @example
 * judge(input); // { blocked: false, rules: ["velocity"] }
 */
export function judge(input: FraudInput): Verdict {
  const blocked: RuleName[] = [];
  const flagged: RuleName[] = [];
  for (const rule of FRAUD_RULES) {
    const severity = input.settings.fraud[rule.name];
    if (severity === "off" || !rule.fires(input)) continue;
    (severity === "block" ? blocked : flagged).push(rule.name);
  }
  return blocked.length ? { blocked: true, rules: blocked } : { blocked: false, rules: flagged };
}
