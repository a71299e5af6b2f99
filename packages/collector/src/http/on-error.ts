import type { ErrorHandler, NotFoundHandler } from "hono";
import { StoreUnavailableError, TallyError, type ErrorStatus } from "../errors.js";

/** How an error is answered: its status, its `{ error, code }` and the headers it needs. */
export interface ErrorAnswer {
  status: ErrorStatus | 500;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Seconds a client is asked to wait when the store cannot be reached. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * The answer an error gets at the edge: a TallyError's own status; the store unavailable (nothing
 * was committed) 503 with `Retry-After`, so a client sends again; anything else, undefined.
 *
 * @example
 * answerOf(new StoreUnavailableError(cause)); // { status: 503, code: "store.unavailable", …, headers: { "Retry-After": "2" } }
 */
export function answerOf(error: unknown): ErrorAnswer | undefined {
  if (error instanceof TallyError)
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  if (error instanceof StoreUnavailableError)
    return {
      status: 503,
      code: error.code,
      message: error.message,
      headers: { "Retry-After": String(STORE_RETRY_AFTER_SECONDS) },
    };
  return undefined;
}

/** The answer to an error no one expected: logged, and answered without details. */
export const INTERNAL_ERROR: ErrorAnswer = { status: 500, code: "internal.error", message: "Internal error" };

/** Turns every error into the JSON body the contract fixes: `{ "error": message, "code": code }`. */
export function onError(log: (message: string, error: unknown) => void): ErrorHandler {
  return (error, c) => {
    const answer = answerOf(error);
    if (answer) return c.json({ error: answer.message, code: answer.code }, answer.status, answer.headers);
    log(`${c.req.method} ${c.req.path} failed`, error);
    return c.json({ error: INTERNAL_ERROR.message, code: INTERNAL_ERROR.code }, 500);
  };
}

export const notFound: NotFoundHandler = (c) =>
  c.json({ error: `No route for ${c.req.method} ${c.req.path}`, code: "request.not_found" }, 404);
