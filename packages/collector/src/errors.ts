/** The HTTP statuses the collector's own errors answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 429 | 503;

/**
 * An error the collector answers with: `status`, a stable `code` (`area.reason`) for programs
 * and a `message` for people (the ingest contract's exact text where it gives one), and any
 * headers the answer needs (`Retry-After`).
 */
export class TallyError extends Error {
  override name = "TallyError";
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new TallyError(400, code, message);

/**
 * The store cannot be reached (a PostgreSQL server down or restarting): nothing was committed,
 * so the caller may try again shortly. How a client is told so is the edge's (`http/on-error.ts`).
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  readonly code = "store.unavailable";
  constructor(readonly cause: unknown) {
    super("The database is unavailable; try again shortly");
  }
}
