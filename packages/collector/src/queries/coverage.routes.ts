import { Hono } from "hono";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { type Answer, queryOf, routePath } from "../http/contract.js";
import { coverageReport } from "./coverage.js";
import { coverageRoute } from "./reports.contract.js";
import { scopeOf, type QueryDeps } from "./revenue.routes.js";

/** coverage: what the browser tracking missed, from orders reported by both sides. */
export function coverageRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);
  app.get(routePath(coverageRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(coverageRoute, (name) => c.req.query(name)),
    );
    return c.json<Answer<typeof coverageRoute>>(await coverageReport(store, key, range, currency));
  });
  return app;
}
