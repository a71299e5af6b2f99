import { Hono, type MiddlewareHandler } from "hono";
import type { SecretEnv } from "../auth/secret-key.middleware.js";

/**
 * `GET /v1/api/analytics/appspace`: the appspace a secret key belongs to, so the dashboard can
 * name it and write money in its base currency. 401/403 as every query route.
 */
export function appspaceRoutes(secret: MiddlewareHandler<SecretEnv>) {
  const app = new Hono<SecretEnv>();
  app.get("/v1/api/analytics/appspace", secret, (c) => {
    const { id, name, currency, retention_days } = c.var.auth.appspace;
    return c.json({ id, name, currency, retention_days });
  });
  return app;
}
