import { Hono } from "hono";
import { noKeyRequired } from "../auth/route-requirement.js";
import { receiveDelivery, type DeliveryDeps } from "./platform/receive-delivery.js";

/**
 * `POST /sources/:id`: one route for every platform source. The source's id names it and the
 * platform's signature authenticates the delivery, so the route needs no key. Answers
 * `{ "ok": true }` for whatever is accepted, ignored on purpose or kept aside.
 *
 * @example
 * app.route("/", sourcesRoutes(deps));
 */
export function sourcesRoutes(deps: DeliveryDeps) {
  const app = new Hono();
  app.post("/sources/:id", noKeyRequired, async (c) => {
    await receiveDelivery(deps, c.req.param("id"), c.req.raw);
    return c.json({ ok: true });
  });
  return app;
}
