/**
 * Every problem the SDK reports: to `onError`, and in debug mode to the console. `code` says
 * which, for programs (`area.reason`, as the collector's error codes); `cause` keeps the error
 * underneath (a `TypeError` of `fetch`, a `QuotaExceededError` of IndexedDB, …).
 *
 * | code | |
 * |---|---|
 * | `sdk.invalid_event` | a misuse at the call: the npm build throws it as `TallyUsageError` |
 * | `sdk.unknown_command` | a queue command the SDK does not have |
 * | `sdk.storage` | IndexedDB failed; the SDK goes on in memory for this page |
 * | `sdk.network` | a send did not get an answer; it is tried again later |
 * | `sdk.refused` | the collector refused events for good (they count as dropped) |
 * | `sdk.retry` | the collector asked to try again later (408, 429, 5xx) |
 * | `sdk.callback` | a callback the page gave threw |
 *
 * @example
 * createTracker({ key, endpoint, onError: (e) => e instanceof TallyError && e.code == "sdk.refused" && alert(e.message) });
 */
export class TallyError extends Error {
  declare code: string;
  constructor(code: string, cause?: unknown) {
    super(`Tally ${code}: ${cause}`, { cause });
    this.name = "TallyError";
    this.code = code;
  }
}

/**
 * A misuse of the SDK (an invalid event, a tracker made without a key), thrown by the npm build
 * at the call that made the mistake; code `sdk.invalid_event`.
 *
 * @example
 * try {
 *   tally.purchase({ revenue: 10 });
 * } catch (error) {
 *   if (error instanceof TallyUsageError) console.error(error.message); // "Tally: sdk.invalid_event purchase needs transaction_id and revenue (a number)"
 * }
 */
export class TallyUsageError extends TallyError {
  constructor(message: string) {
    super("sdk.invalid_event", message);
    this.name = "TallyUsageError";
  }
}

/** A misuse: `TallyUsageError` in the npm build; the script tag does without the subclass. */
export const usageError = (message: string): TallyError =>
  __NPM__ ? new TallyUsageError(message) : new TallyError("sdk.invalid_event", message);
