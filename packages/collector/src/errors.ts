import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * An error the collector answers with: `status`, a stable `code` (`area.reason`) for programs
 * and a `message` for people (the ingest contract's exact text where it gives one), and any
 * headers the answer needs (`Retry-After`).
 */
export class TallyError extends Error {
  override name = "TallyError";
  constructor(
    readonly status: ContentfulStatusCode,
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
 * so the client may send again, and is told when.
 */
export class StoreUnavailableError extends TallyError {
  override name = "StoreUnavailableError";
  constructor(readonly cause: unknown) {
    super(503, "store.unavailable", "The database is unavailable; try again shortly", { "Retry-After": "2" });
  }
}
