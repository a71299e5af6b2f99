import type { StoredEvent } from "../../model/stored-event.js";
import type { AppspaceSettings } from "../settings.js";

/** What a fraud rule looks at: the event as it would be stored, and what only the projector knows. */
export interface FraudInput {
  event: StoredEvent;
  settings: AppspaceSettings;
  /** The browser's User-Agent: the request's with a publishable key, the event's own with a secret key. */
  browserUserAgent: string | undefined;
  /** The currencies the event and its items named themselves (an omitted one defaults, and is not judged). */
  sentCurrencies: readonly string[];
  /** Stored purchases of the event's visitor in the 10 minutes of event time up to it (the event not included). */
  recentPurchases(): number;
}

/** One named rule: whether it fires for an event. */
export interface FraudRule {
  name: string;
  defaultSeverity: "flag" | "block";
  /** One line for `appspace show` and the README. */
  description: string;
  fires(input: FraudInput): boolean;
}
