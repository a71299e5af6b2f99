import type { MiddlewareHandler } from "hono";

/** A middleware that does nothing: where a limit is off. */
export const passThrough: MiddlewareHandler = async (_c, next) => {
  await next();
};
