import ky, { isHTTPError, type KyInstance } from "ky";
import { TallyRejectedError, TallyRetryAfterError, TallyUnreachableError, type TallyError } from "./errors.js";
import { retryAfterMs } from "./retry-after.js";

/**
 * How failed requests are retried.
 *
 * @example
 * createClient({ key, endpoint, retry: { limit: 20, delay: 1000, maxDelay: 60_000 } });
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 10). */
  limit?: number;
  /** The first backoff in milliseconds, doubled on each retry (default 500). */
  delay?: number;
  /** The longest backoff in milliseconds (default 30,000). */
  maxDelay?: number;
}

export interface SenderOptions {
  endpoint: string;
  key: string;
  retry: Required<RetryOptions>;
  /** The longest `Retry-After` the client sleeps; a longer one rejects (milliseconds). */
  maxRetryAfter: number;
  /** Each attempt's timeout in milliseconds. */
  timeout: number;
}

/** Posts a JSON body to a path under the endpoint and answers the parsed JSON. */
export type Send = (path: string, body: unknown, headers?: Record<string, string>) => Promise<unknown>;

const retryable = (status: number) => status === 429 || status >= 500;
const RETRY_STATUSES = [429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/**
 * The transport: ky with a retry policy made for idempotent event delivery. Network errors,
 * timeouts, 429 and 5xx are retried with exponential backoff and full jitter, waiting what a
 * `Retry-After` says instead when there is one; any other 4xx is final. A `Retry-After` longer
 * than `maxRetryAfter` is not slept through: the request fails with `TallyRetryAfterError`.
 * Retrying a POST is safe because every event carries its `event_id` and the collector drops
 * repeats.
 *
 * @example
 * const send = createSender({ endpoint, key, retry: { limit: 10, delay: 500, maxDelay: 30_000 }, maxRetryAfter: 60_000, timeout: 10_000 });
 * await send("v1/api/analytics/ecommerce/batch", { events });
 */
export function createSender(options: SenderOptions): Send {
  const { retry, maxRetryAfter } = options;
  const tooLong = (headers: Headers) => {
    const after = retryAfterMs(headers.get("retry-after"));
    return after !== undefined && after > maxRetryAfter ? after : undefined;
  };
  const api: KyInstance = ky.create({
    prefixUrl: options.endpoint,
    timeout: options.timeout,
    headers: { authorization: `Bearer ${options.key}` },
    retry: {
      limit: retry.limit,
      methods: ["post"],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: RETRY_STATUSES,
      maxRetryAfter,
      delay: (attempt) => retry.delay * 2 ** (attempt - 1),
      backoffLimit: retry.maxDelay,
      jitter: true,
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error)) return undefined;
        const { status, headers } = error.response;
        if (!retryable(status)) return false;
        // Thrown from here it ends ky's retry loop: the caller gets it instead of a long sleep.
        const after = tooLong(headers);
        if (after !== undefined) throw retryAfterError(error.request, status, after, maxRetryAfter);
        return undefined;
      },
    },
  });

  return async (path, body, headers) => {
    let attempts = 1;
    try {
      // Only when given: ky reads `headers: undefined` as "no headers", dropping the key's.
      const request = { json: body, hooks: { beforeRetry: [() => void attempts++] }, ...(headers && { headers }) };
      return await api.post(path, request).json();
    } catch (error) {
      throw await toTallyError(error, attempts, tooLong, maxRetryAfter);
    }
  };
}

function retryAfterError(request: Request, status: number, after: number, bound: number): TallyRetryAfterError {
  const message = `${request.method} ${request.url} answered ${status} with Retry-After ${Math.ceil(after / 1000)} s, longer than maxRetryAfter (${bound / 1000} s)`;
  return new TallyRetryAfterError(message, status, after);
}

async function toTallyError(
  error: unknown,
  attempts: number,
  tooLong: (headers: Headers) => number | undefined,
  bound: number,
): Promise<TallyError> {
  if (error instanceof TallyRetryAfterError) return error;
  if (!isHTTPError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new TallyUnreachableError(
      `Tally collector unreachable after ${attempts} attempt(s): ${reason}`,
      attempts,
      error,
    );
  }
  const { request, response } = error;
  const after = tooLong(response.headers);
  if (retryable(response.status) && after !== undefined) return retryAfterError(request, response.status, after, bound);
  const { message, code } = await errorBody(response);
  const text = `${request.method} ${request.url} answered ${response.status}: ${message}${code ? ` (${code})` : ""}`;
  if (retryable(response.status))
    return new TallyUnreachableError(`${text}, after ${attempts} attempt(s)`, attempts, error);
  return new TallyRejectedError(text, response.status, code);
}

/** The collector's `{ error, code }` body, or whatever text came. */
async function errorBody(response: Response): Promise<{ message: string; code?: string }> {
  // A body cut off mid-way reads as none: the status still says what happened.
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text);
    if (typeof body?.error === "string")
      return { message: body.error, code: typeof body.code === "string" ? body.code : undefined };
    if (typeof body?.message === "string") return { message: body.message };
  } catch {
    // Not JSON (a proxy's HTML page): its text is the best message there is.
  }
  return { message: text.slice(0, 200) || response.statusText };
}
