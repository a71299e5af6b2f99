import { Hono } from "hono";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { type Answer, queryOf, routePath } from "../http/contract.js";
import { attribution } from "./attribution.js";
import {
  attributionRoute,
  cartAbandonmentRoute,
  channelsRoute,
  cohortsRoute,
  funnelRoute,
} from "./behaviour.contract.js";
import { cartSummary } from "./carts.js";
import { revenueByChannel } from "./channels.js";
import { cohorts } from "./cohorts.js";
import { funnel } from "./funnel.js";
import { readKeyOf, scopeOf, type QueryDeps } from "./revenue.routes.js";
import { money } from "./rounding.js";

/** funnel, cart-abandonment, revenue-by-channel, attribution, cohorts. */
export function behaviourRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);

  app.get(routePath(funnelRoute), secret, readable, async (c) => {
    const { key, range } = scopeOf(
      c,
      clock,
      queryOf(funnelRoute, (name) => c.req.query(name)),
    );
    return c.json<Answer<typeof funnelRoute>>({ steps: await funnel(store, key, range), days: range.days });
  });

  app.get(routePath(cartAbandonmentRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(cartAbandonmentRoute, (name) => c.req.query(name)),
    );
    const carts = await cartSummary(store, key, range);
    return c.json<Answer<typeof cartAbandonmentRoute>>({
      abandonment_rate: carts.rate,
      abandoned_carts: carts.abandoned,
      abandoned_revenue: money(carts.abandonedValue, currency),
      completed_carts: carts.completed,
      days: range.days,
    });
  });

  app.get(routePath(channelsRoute), secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(channelsRoute, (name) => c.req.query(name)),
    );
    const channels = await revenueByChannel(store, key, range, currency);
    return c.json<Answer<typeof channelsRoute>>({ channels, days: range.days });
  });

  app.get(routePath(attributionRoute), secret, readable, async (c) => {
    const q = queryOf(attributionRoute, (name) => c.req.query(name));
    const { key, range, currency } = scopeOf(c, clock, q);
    return c.json<Answer<typeof attributionRoute>>(await attribution(store, key, range, q.model, q.window, currency));
  });

  app.get(routePath(cohortsRoute), secret, readable, async (c) => {
    const q = queryOf(cohortsRoute, (name) => c.req.query(name));
    const { appspace } = c.var.auth;
    return c.json<Answer<typeof cohortsRoute>>(
      await cohorts(store, readKeyOf(c, q), q.months, clock(), appspace.currency),
    );
  });

  return app;
}
