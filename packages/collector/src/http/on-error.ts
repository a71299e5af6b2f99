import type { ErrorHandler, NotFoundHandler } from "hono";
import { TallyError } from "../errors.js";

/** Turns every error into the JSON body the contract fixes: `{ "error": message, "code": code }`. */
export function onError(log: (message: string, error: unknown) => void): ErrorHandler {
  return (error, c) => {
    if (error instanceof TallyError)
      return c.json({ error: error.message, code: error.code }, error.status, error.headers);
    log(`${c.req.method} ${c.req.path} failed`, error);
    return c.json({ error: "Internal error", code: "internal.error" }, 500);
  };
}

export const notFound: NotFoundHandler = (c) =>
  c.json({ error: `No route for ${c.req.method} ${c.req.path}`, code: "request.not_found" }, 404);
