import { isbot } from "isbot";
import type { FraudRule } from "./fraud-input.js";

/**
 * A known bot or crawler User-Agent, by isbot's list. Only a browser's User-Agent is judged: a
 * server library's own (`node`, `curl`, a Segment client) says nothing about the shopper.
 */
export const botRule = {
  name: "bot",
  defaultSeverity: "block",
  description:
    "a known bot or crawler User-Agent (the browser's: the request's with a publishable key, context.user_agent with a secret key)",
  fires: ({ browserUserAgent }) => browserUserAgent !== undefined && isbot(browserUserAgent),
} as const satisfies FraudRule;
