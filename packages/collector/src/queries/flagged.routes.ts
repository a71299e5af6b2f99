import { Hono } from "hono";
import { fromMinor } from "@tally/schema";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { type Answer, queryOf, routePath } from "../http/contract.js";
import { flaggedRoute } from "./reports.contract.js";
import { scopeOf, type QueryDeps } from "./revenue.routes.js";
import { money } from "./rounding.js";

/** `GET /flagged`: the events fraud rules flagged in the range, oldest first, with the rules that fired. */
export function flaggedRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  app.get(routePath(flaggedRoute), secretKey(authenticate), readable, async (c) => {
    const { appspace, key, range, currency } = scopeOf(
      c,
      clock,
      queryOf(flaggedRoute, (name) => c.req.query(name)),
    );
    // Every query reads exclude_flagged; this one's answer without flagged events is empty.
    const flagged = key < 0 ? [] : await store.flaggedEvents(appspace.seq, range);
    const events = flagged.map((e) => ({
      event_id: e.event_id,
      event_type: e.event_type,
      transaction_id: e.transaction_id,
      revenue: e.revenue_base === null ? null : money(e.revenue_base, currency),
      currency,
      ...(e.currency !== currency && e.revenue !== null
        ? { original_revenue: fromMinor(e.revenue, e.currency), original_currency: e.currency }
        : {}),
      timestamp: new Date(e.ts).toISOString(),
      rules: e.rules,
    }));
    return c.json<Answer<typeof flaggedRoute>>({ events, days: range.days });
  });
  return app;
}
