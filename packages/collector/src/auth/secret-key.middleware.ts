import { createMiddleware } from "hono/factory";
import { requireSecret, keyOf, type Auth, type Authenticate } from "./authenticate.js";

export type SecretEnv = { Variables: { auth: Auth } };

/**
 * Guards the query and erase routes: 401 without a valid key, 403 with a publishable one.
 * Sets `c.var.auth` to the appspace the key belongs to.
 *
 * @example
 * app.get("/v1/api/analytics/ecommerce/overview", secretKey(authenticate), (c) => c.json({ id: c.var.auth.appspace.id }));
 */
export function secretKey(authenticate: Authenticate) {
  return createMiddleware<SecretEnv>(async (c, next) => {
    const key = keyOf(c.req.header("authorization"), c.req.query("key"));
    c.set("auth", requireSecret(await authenticate(key)));
    await next();
  });
}
