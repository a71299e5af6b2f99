import { Hono } from "hono";
import { noKeyRequired } from "../auth/route-requirement.js";
import { TallyError } from "../errors.js";
import { outcomeOf, recordsOutcome } from "../ingest/outcome.js";
import { receiveDelivery, type DeliveryDeps } from "./platform/receive-delivery.js";
import { pixelBundleOf, shopifyPixelCode } from "./shopify/shopify-pixel.js";
import { type Answer, paramsOf, routePath } from "../http/contract.js";
import { deliveryRoute, shopifyPixelRoute } from "./sources.contract.js";

/**
 * `POST /sources/:id` (`sources.contract.ts`): one route for every platform source. The source's id names it and the
 * platform's signature authenticates the delivery, so the route needs no key. Answers
 * `{ "ok": true }` for whatever is accepted, ignored on purpose or kept aside. A Shopify source's
 * custom pixel code is at `GET /sources/:id/shopify-pixel.js`, for the collector's own URL.
 *
 * @example
 * app.route("/", sourcesRoutes(deps, () => assets.shopifyPixel()));
 */
export function sourcesRoutes(deps: DeliveryDeps, pixel: () => string | undefined) {
  const app = new Hono();
  app.post(routePath(deliveryRoute), recordsOutcome, noKeyRequired, async (c) => {
    const { id } = paramsOf(deliveryRoute, (name) => c.req.param(name));
    const answer = await receiveDelivery(deps, id, c.req.raw);
    const outcome = outcomeOf(c);
    if (answer.outcome !== "ignored" && answer.taken) {
      outcome.appspace = answer.taken.appspace;
      outcome.accepted = answer.taken.events;
    }
    if (answer.outcome === "rejected") outcome.refused.push(answer.reason);
    return c.json<Answer<typeof deliveryRoute>>({ ok: true });
  });
  const pixelBundle = pixelBundleOf(pixel);
  app.get(routePath(shopifyPixelRoute), noKeyRequired, async (c) => {
    const { id } = paramsOf(shopifyPixelRoute, (name) => c.req.param(name));
    const source = await deps.store.findSource(id);
    if (!source) throw new TallyError(404, "source.not_found", `No source ${id}`);
    const code: Answer<typeof shopifyPixelRoute> = shopifyPixelCode(source, new URL(c.req.url).origin, pixelBundle());
    return c.body(code, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
  });
  return app;
}
