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

/**
 * Counts a verdict by rule and marks a flagged event with the rules that fired; whether the
 * event is kept (false: blocked, drop it).
 */
export function applyVerdict(
  event: { flagged: number; fraud_rules: string | null },
  verdict: Verdict,
  counts: { blocked: Record<string, number>; flagged: Record<string, number> },
): boolean {
  const tally = verdict.blocked ? counts.blocked : counts.flagged;
  for (const rule of verdict.rules) tally[rule] = (tally[rule] ?? 0) + 1;
  if (verdict.blocked) return false;
  if (verdict.rules.length) {
    event.flagged = 1;
    event.fraud_rules = verdict.rules.join(",");
  }
  return true;
}
