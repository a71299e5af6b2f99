import { DEFAULT_ADDRESS_RATE, DEFAULT_KEY_RATE, type ClientLimitOptions } from "../limits/client-limits.js";
import { parseRate, type Rate } from "../limits/token-buckets.js";
import { UsageError } from "./args.js";
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./server-limits.js";

type Flags = Record<string, string | boolean | undefined>;

function rateFlag(flags: Flags, name: string, fallback: Rate): Rate | null {
  const value = flags[name];
  if (typeof value !== "string") return fallback;
  const rate = parseRate(value);
  if (typeof rate === "string") throw new UsageError(`--${name} ${rate}`);
  return rate;
}

function wholeFlag(flags: Flags, name: string, fallback: number, max: number): number {
  const value = flags[name];
  if (typeof value !== "string") return fallback;
  const n = Number(value);
  if (!value.trim() || !Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

/** `serve --limit-key`, `--limit-address`, `--trust-proxy`. */
export function clientLimitsOf(flags: Flags): ClientLimitOptions {
  return {
    key: rateFlag(flags, "limit-key", DEFAULT_KEY_RATE),
    address: rateFlag(flags, "limit-address", DEFAULT_ADDRESS_RATE),
    trustProxy: flags["trust-proxy"] === true,
  };
}

/** `serve --headers-timeout`, `--request-timeout`, `--max-connections`. */
export function serverLimitsOf(flags: Flags): ServerLimits {
  const headersTimeoutMs =
    wholeFlag(flags, "headers-timeout", DEFAULT_SERVER_LIMITS.headersTimeoutMs / 1000, 3600) * 1000;
  const requestTimeoutMs =
    wholeFlag(flags, "request-timeout", DEFAULT_SERVER_LIMITS.requestTimeoutMs / 1000, 3600) * 1000;
  if (headersTimeoutMs > requestTimeoutMs)
    throw new UsageError("--headers-timeout must not be longer than --request-timeout");
  return {
    ...DEFAULT_SERVER_LIMITS,
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections: wholeFlag(flags, "max-connections", DEFAULT_SERVER_LIMITS.maxConnections, 1_000_000),
  };
}
