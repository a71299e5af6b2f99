import { createMiddleware } from "hono/factory";
import type { Projector } from "../projector/projector.js";
import type { Store } from "../store.js";
import type { AuthEnv } from "../auth/route-requirement.js";

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
