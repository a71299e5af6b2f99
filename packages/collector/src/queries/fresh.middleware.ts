import { createMiddleware } from "hono/factory";
import type { Projector } from "../projector/projector.js";
import type { Store } from "../store.js";

/** How long a query waits for the projector before answering with what is projected. */
export const READ_WAIT_MS = 5000;

/**
 * Read-after-acknowledge: a query waits until the projector has passed the inbox position at
 * the query's arrival, so it reflects every event acknowledged before it (after a restart, the
 * whole backlog). Past `waitMs` it answers with what is projected and says how far behind that
 * is in `Tally-Projection-Lag` (milliseconds waited, a lower bound).
 *
 * @example
 * app.use("/v1/api/analytics/ecommerce/*", fresh(store, projector));
 */
export function fresh(store: Store, projector: Projector, waitMs = READ_WAIT_MS) {
  return createMiddleware(async (c, next) => {
    const arrived = Date.now();
    const { appended } = await store.positions();
    if (!(await projector.waitFor(appended, waitMs))) c.header("Tally-Projection-Lag", String(Date.now() - arrived));
    await next();
  });
}
