import { LIMITS } from "@tally/schema";
import { TallyUsageError, type TallyError } from "./errors.js";
import type { RetryOptions } from "./sender.js";

/**
 * What `createClient` takes.
 *
 * @example
 * const options: ClientOptions = {
 *   key: process.env.TALLY_SECRET_KEY!,
 *   endpoint: "https://tally.example.com",
 *   flushInterval: 5000,
 *   maxRetryAfter: 5 * 60_000,
 *   onError: (error) => logger.warn(error),
 * };
 */
export interface ClientOptions {
  /** The appspace's secret key (`sk_…`). A publishable key (`pk_…`) is refused. */
  key: string;
  /** The collector's base URL, e.g. `https://tally.example.com`. */
  endpoint: string;
  /** Events per request, 1–100 (default 100). */
  batchSize?: number;
  /** How long an event may wait for its batch to fill, in milliseconds (default 1,000). */
  flushInterval?: number;
  /** Retries of a failed request (defaults: 10 retries, from 500 ms doubling up to 30 s). */
  retry?: RetryOptions;
  /** The longest `Retry-After` the client waits out, in milliseconds (default 60,000); a longer one rejects. */
  maxRetryAfter?: number;
  /** Each request's timeout in milliseconds (default 10,000). */
  timeout?: number;
  /** Hears every delivery failure, also of calls nobody awaits (default: none). */
  onError?: (error: TallyError) => void;
}

export type ResolvedOptions = Required<Omit<ClientOptions, "retry">> & { retry: Required<RetryOptions> };

function count(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new TallyUsageError(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks `createClient`'s options and fills in the defaults. Misuse throws `TallyUsageError` at
 * once: a missing key or endpoint, a publishable key, an endpoint that is not an http(s) URL.
 *
 * @example
 * resolveOptions({ key: "sk_live_1", endpoint: "https://tally.example.com/" }).endpoint;
 * // "https://tally.example.com/"
 */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null)
    throw new TallyUsageError("createClient needs { key, endpoint }");
  const { key, endpoint } = options;
  if (typeof key !== "string" || key === "")
    throw new TallyUsageError("key is required: the appspace's secret key (sk_…)");
  if (key.startsWith("pk_")) {
    throw new TallyUsageError(
      "key: a publishable key (pk_…) cannot send server-side events; use the appspace's secret key (sk_…), and keep it on the server",
    );
  }
  if (!key.startsWith("sk_")) throw new TallyUsageError("key must be the appspace's secret key (sk_…)");
  if (typeof endpoint !== "string" || endpoint === "")
    throw new TallyUsageError("endpoint is required: the collector's URL, e.g. https://tally.example.com");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TallyUsageError(`endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TallyUsageError(`endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  if (options.onError !== undefined && typeof options.onError !== "function")
    throw new TallyUsageError("onError must be a function");
  const retry = options.retry ?? {};
  return {
    key,
    // ky joins paths onto prefixUrl: a trailing slash keeps a path prefix (a proxy's /tally/).
    endpoint: url.href.endsWith("/") ? url.href : `${url.href}/`,
    batchSize: count("batchSize", options.batchSize, LIMITS.batchEvents, 1, LIMITS.batchEvents),
    flushInterval: count("flushInterval", options.flushInterval, 1000, 0),
    retry: {
      limit: count("retry.limit", retry.limit, 10, 0),
      delay: count("retry.delay", retry.delay, 500, 0),
      maxDelay: count("retry.maxDelay", retry.maxDelay, 30_000, 0),
    },
    maxRetryAfter: count("maxRetryAfter", options.maxRetryAfter, 60_000, 0),
    timeout: count("timeout", options.timeout, 10_000, 1, 2_147_483_647),
    onError: options.onError ?? (() => {}),
  };
}
