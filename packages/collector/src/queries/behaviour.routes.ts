import { Hono } from "hono";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { attribution, MODELS, WINDOWS } from "./attribution.js";
import { cartSummary } from "./carts.js";
import { revenueByChannel } from "./channels.js";
import { cohorts } from "./cohorts.js";
import { funnel } from "./funnel.js";
import { choiceParam, intParam } from "./params.js";
import { readKeyOf, scopeOf, type QueryDeps } from "./revenue.routes.js";
import { money } from "./rounding.js";

/** funnel, cart-abandonment, revenue-by-channel, attribution, cohorts. */
export function behaviourRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);

  app.get("/funnel", secret, readable, async (c) => {
    const { key, range } = scopeOf(c, clock);
    return c.json({ steps: await funnel(store, key, range), days: range.days });
  });

  app.get("/cart-abandonment", secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(c, clock);
    const carts = await cartSummary(store, key, range);
    return c.json({
      abandonment_rate: carts.rate,
      abandoned_carts: carts.abandoned,
      abandoned_revenue: money(carts.abandonedValue, currency),
      completed_carts: carts.completed,
      days: range.days,
    });
  });

  app.get("/revenue-by-channel", secret, readable, async (c) => {
    const { key, range, currency } = scopeOf(c, clock);
    return c.json({ channels: await revenueByChannel(store, key, range, currency), days: range.days });
  });

  app.get("/attribution", secret, readable, async (c) => {
    const model = choiceParam("model", c.req.query("model"), MODELS, "last_click");
    const window = choiceParam("window", c.req.query("window"), WINDOWS, 30);
    const { key, range, currency } = scopeOf(c, clock);
    return c.json(await attribution(store, key, range, model, window, currency));
  });

  app.get("/cohorts", secret, readable, async (c) => {
    const months = intParam("months", c.req.query("months"), 6, 1, 120);
    const { appspace } = c.var.auth;
    return c.json(await cohorts(store, readKeyOf(c), months, clock(), appspace.currency));
  });

  return app;
}
