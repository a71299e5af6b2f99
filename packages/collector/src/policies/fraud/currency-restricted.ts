import type { FraudRule } from "./fraud-input.js";

/**
 * A currency sent on the event or an item outside the appspace's allowed list. An event that
 * sends none takes the base currency and is not judged: `sent` is what the event itself named.
 */
export const currencyRestrictedRule = {
  name: "currency_restricted",
  defaultSeverity: "flag",
  description: "a currency on the event or an item outside --currencies (an event that sends none is not judged)",
  fires: ({ settings, sentCurrencies }) =>
    settings.currencies !== null && sentCurrencies.some((code) => !settings.currencies!.includes(code)),
} as const satisfies FraudRule;
