import { createMiddleware } from "hono/factory";
import type { Projector } from "../projector/projector.js";
import type { Store } from "../store.js";
import type { AuthEnv } from "../auth/route-requirement.js";
import { TallyError } from "../errors.js";

/** How long a query waits for the projector before answering with what is projected. */
export const READ_WAIT_MS = 5000;

/**
 * Read-after-acknowledge: a query waits until the projector has passed its appspace's inbox
 * position at the query's arrival (it runs behind the secret key, which names the appspace), so
 * it reflects every event acknowledged for it before (after a restart, the whole backlog); other
 * appspaces' backlogs never hold it up. Past `waitMs` it answers with what is projected and says how far behind that
 * is in `Tally-Projection-Lag` (milliseconds waited, a lower bound).
 *
 * @example
 * app.get("/overview", requireSecretKey(authenticate), fresh(store, projector, Date.now), (c) => …);
 */
export function fresh(store: Store, projector: Projector, clock: () => number, waitMs = READ_WAIT_MS) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const arrived = clock();
    const appspace = c.var.auth.appspace.seq;
    const { appended, projected } = await store.positions(appspace);
    if (projected < appended && !(await projector.waitFor(appspace, appended, waitMs)))
      c.header("Tally-Projection-Lag", String(clock() - arrived));
    await next();
  });
}

/** How long an erase waits for its appspace's projection to pass what was acknowledged before it. */
export const ERASE_WAIT_MS = 60_000;

/**
 * Before an erase: its appspace's projection has passed the inbox position at the request's
 * arrival, so no event of the person acknowledged earlier is projected after the erase (and
 * brings them back). An appspace further behind than `waitMs` of projection is answered 409
 * with `Retry-After`: nothing was erased, and the erase may be sent again.
 */
export function settled(store: Store, projector: Projector, waitMs = ERASE_WAIT_MS) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const appspace = c.var.auth.appspace.seq;
    const { appended, projected } = await store.positions(appspace);
    if (projected < appended && !(await projector.waitFor(appspace, appended, waitMs))) {
      throw new TallyError(
        409,
        "erase.projection_behind",
        "Events acknowledged before this erase are still being stored; nothing was erased, send the erase again later",
        { "Retry-After": String(Math.ceil(waitMs / 2000)) },
      );
    }
    await next();
  });
}
