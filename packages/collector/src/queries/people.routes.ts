import { Hono } from "hono";
import { secretKey, type SecretEnv } from "../auth/secret-key.middleware.js";
import { DAY_MS } from "../model/time.js";
import { type Answer, paramsOf, queryOf, routePath } from "../http/contract.js";
import { eraseByPathRoute, eraseByQueryRoute, journeyRoute } from "./people.contract.js";
import { readKeyOf, scopeOf, type QueryDeps } from "./revenue.routes.js";
import { money } from "./rounding.js";

/** user-journey. */
export function journeyRoutes({ store, clock, authenticate, readable }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);
  app.get(routePath(journeyRoute), secret, readable, async (c) => {
    const q = queryOf(journeyRoute, (name) => c.req.query(name));
    const userId = q.user_id;
    const { appspace } = c.var.auth;
    // The whole history inside retention, unless days/start/end narrow it.
    const narrowed = ["days", "start", "end"].some((p) => c.req.query(p) !== undefined);
    const range = narrowed
      ? scopeOf(c, clock, q).range
      : {
          startMs: (Math.floor(clock() / DAY_MS) - appspace.retention_days + 1) * DAY_MS,
          endMs: Number.MAX_SAFE_INTEGER,
        };
    const events = (await store.journey(readKeyOf(c, q), userId, range.startMs, range.endMs)).map((e) => {
      const items = e.items.map((i) => ({
        item_id: i.item_id,
        ...(i.item_name !== null && { item_name: i.item_name }),
        ...(i.price_base !== null && { price: money(i.price_base, appspace.currency) }),
        quantity: i.quantity,
      }));
      return {
        event_type: e.event_type,
        timestamp: new Date(e.ts).toISOString().replace(".000Z", "Z"),
        ...(items.length > 0 && { items }),
        ...(e.transaction_id !== null && { transaction_id: e.transaction_id }),
        ...(e.revenue_base !== null && { revenue: money(e.revenue_base, appspace.currency) }),
      };
    });
    return c.json<Answer<typeof journeyRoute>>({ events, user_id: userId });
  });
  return app;
}

/**
 * DELETE /user/:userId, and DELETE /user?user_id= for ids a path cannot carry (a slash, say).
 */
export function eraseRoutes({ projector, authenticate, settled }: QueryDeps) {
  const app = new Hono<SecretEnv>();
  const secret = secretKey(authenticate);
  const erase = async (appspaceSeq: number, userId: string): Promise<Answer<typeof eraseByPathRoute>> => {
    await projector.erase(appspaceSeq, userId);
    return { ok: true, deleted_user_id: userId };
  };
  app.delete(routePath(eraseByPathRoute), secret, settled, async (c) => {
    const { userId } = paramsOf(eraseByPathRoute, (name) => c.req.param(name));
    return c.json(await erase(c.var.auth.appspace.seq, userId));
  });
  app.delete(routePath(eraseByQueryRoute), secret, settled, async (c) => {
    const { user_id } = queryOf(eraseByQueryRoute, (name) => c.req.query(name));
    return c.json(await erase(c.var.auth.appspace.seq, user_id));
  });
  return app;
}
