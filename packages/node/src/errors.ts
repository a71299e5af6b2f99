/**
 * The base of every error the client raises, so one `instanceof` check catches them all.
 *
 * @example
 * try {
 *   await tally.purchase(order);
 * } catch (error) {
 *   if (error instanceof TallyError) console.warn("Tally:", error.message);
 * }
 */
export class TallyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TallyError";
  }
}

/**
 * The client was used wrongly: a missing key or endpoint, a publishable key, an event the
 * ingest contract refuses, a call after `close()`. Thrown at once by the call itself.
 *
 * @example
 * createClient({ key: "pk_live_1", endpoint: "https://tally.example.com" });
 * // throws TallyUsageError: key: a publishable key (pk_…) cannot send server-side events; …
 */
export class TallyUsageError extends TallyError {
  constructor(message: string) {
    super(message);
    this.name = "TallyUsageError";
  }
}

/**
 * The collector refused an event: a 4xx answer (bad key, free plan, bad body), or the event
 * was skipped inside an accepted batch. Never retried: sending it again would be refused again.
 *
 * @example
 * tally.purchase(order).catch((error) => {
 *   if (error instanceof TallyRejectedError) console.error(error.status, error.code, error.message);
 * });
 */
export class TallyRejectedError extends TallyError {
  /** The HTTP status (200 for an event skipped inside an accepted batch). */
  readonly status: number;
  /** The collector's stable error code (`auth.invalid_key`, …) when it sent one. */
  readonly code: string | undefined;

  constructor(message: string, status: number, code?: string) {
    super(message);
    this.name = "TallyRejectedError";
    this.status = status;
    this.code = code;
  }
}

/**
 * The collector asked to wait (429 or 5xx with `Retry-After`) longer than `maxRetryAfter`
 * allows: a monthly quota can say weeks, and a job should reschedule, not sleep.
 *
 * @example
 * tally.purchase(order).catch((error) => {
 *   if (error instanceof TallyRetryAfterError) queue.retryIn(error.retryAfterMs);
 * });
 */
export class TallyRetryAfterError extends TallyError {
  readonly status: number;
  /** How long the collector asked to wait, in milliseconds. */
  readonly retryAfterMs: number;

  constructor(message: string, status: number, retryAfterMs: number) {
    super(message);
    this.name = "TallyRetryAfterError";
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Every attempt failed: the collector was unreachable, timed out or kept answering 429/5xx
 * until the retries ran out. `cause` holds the last failure.
 *
 * @example
 * tally.close().catch((error) => {
 *   if (error instanceof TallyUnreachableError) process.exitCode = 1; // run the job again later
 * });
 */
export class TallyUnreachableError extends TallyError {
  /** How many requests were tried. */
  readonly attempts: number;

  constructor(message: string, attempts: number, cause: unknown) {
    super(message, { cause });
    this.name = "TallyUnreachableError";
    this.attempts = attempts;
  }
}
