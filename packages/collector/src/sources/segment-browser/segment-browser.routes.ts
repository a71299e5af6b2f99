import { Hono } from "hono";
import { noKeyRequired, writeKeyRequired } from "../../auth/route-requirement.js";
import { receiveSegment, type SegmentRouteOptions } from "../segment/segment.routes.js";
import { passThrough } from "../../limits/pass-through.js";
import { recordsOutcome } from "../../ingest/outcome.js";
import { type Answer, routePath } from "../../http/contract.js";
import {
  SEGMENT_BROWSER_MESSAGE_ROUTES,
  segmentBrowserBatchRoute,
  segmentMetricsRoute,
} from "./segment-browser.contract.js";

/**
 * Segment's browser library pointed at the collector: `POST /v1/t|p|i|a|g|s` (one message) and
 * `/v1/b` (`{ "batch": [...] }`, its batching mode), mapped exactly as `/v1/track` and
 * `/v1/batch` are. The library sends `text/plain` with the write key as Basic auth, after a CORS
 * preflight (`app.ts` allows any origin on these paths, `SEGMENT_BROWSER_ROUTES`, at their contracts' paths). A publishable write key is a browser, judged
 * by the bot rule like the SDK's traffic. `POST /v1/m`, the library's own metrics, is answered
 * and ignored.
 *
 * @example
 * app.route("/", segmentBrowserRoutes(deps));
 */
export function segmentBrowserRoutes(options: SegmentRouteOptions) {
  const app = new Hono();
  const byAddress = options.limits?.limitByAddress ?? passThrough;
  for (const { type, route } of SEGMENT_BROWSER_MESSAGE_ROUTES) {
    app.post(routePath(route), recordsOutcome, writeKeyRequired, byAddress, (c) => receiveSegment(options, c, type));
  }
  app.post(routePath(segmentBrowserBatchRoute), recordsOutcome, writeKeyRequired, byAddress, (c) =>
    receiveSegment(options, c, undefined),
  );
  app.post(routePath(segmentMetricsRoute), noKeyRequired, async (c) => {
    // The body is the library's counters about itself: nothing Tally keeps, so it is not read.
    return c.json<Answer<typeof segmentMetricsRoute>>({ success: true });
  });
  return app;
}
