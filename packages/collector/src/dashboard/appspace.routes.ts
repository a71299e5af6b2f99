import { Hono, type MiddlewareHandler } from "hono";
import type { SecretEnv } from "../auth/secret-key.middleware.js";
import type { Store } from "../store.js";
import { monthOf } from "../policies/month.js";
import { type Answer, routePath } from "../http/contract.js";
import { appspaceRoute } from "./dashboard.contract.js";

/**
 * `GET /v1/api/analytics/appspace`: the appspace a secret key belongs to, so the dashboard can
 * name it and write money in its base currency, and what the fraud rules at block dropped this
 * UTC month (answered as accepted, so seen nowhere else). 401/403 as every query route.
 */
export function appspaceRoutes(
  secret: MiddlewareHandler<SecretEnv>,
  store: Pick<Store, "fraudDrops">,
  clock: () => number = Date.now,
) {
  const app = new Hono<SecretEnv>();
  app.get(routePath(appspaceRoute), secret, async (c) => {
    const { id, name, currency, retention_days, seq } = c.var.auth.appspace;
    return c.json<Answer<typeof appspaceRoute>>({
      id,
      name,
      currency,
      retention_days,
      dropped_this_month: await store.fraudDrops(seq, monthOf(clock())),
    });
  });
  return app;
}
