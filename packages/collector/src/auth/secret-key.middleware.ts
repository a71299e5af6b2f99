import { createMiddleware } from "hono/factory";
import type { Db } from "../db/open.js";
import { authenticate, requireSecret, keyOf, type Auth } from "./authenticate.js";

export type SecretEnv = { Variables: { auth: Auth } };

/**
 * Guards the query and erase routes: 401 without a valid key, 403 with a publishable one.
 * Sets `c.var.auth` to the appspace the key belongs to.
 *
 * @example
 * app.get("/v1/api/analytics/ecommerce/overview", secretKey(db), (c) => c.json(overview(db, c.var.auth.appspace)));
 */
export function secretKey(db: Db) {
  return createMiddleware<SecretEnv>(async (c, next) => {
    const key = keyOf(c.req.header("authorization"), c.req.query("key"));
    c.set("auth", requireSecret(authenticate(db, key)));
    await next();
  });
}
