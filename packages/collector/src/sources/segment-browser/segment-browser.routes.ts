import { Hono } from "hono";
import { noKeyRequired, writeKeyRequired } from "../../auth/route-requirement.js";
import { receiveSegment, type SegmentRouteOptions } from "../segment/segment.routes.js";
import { passThrough } from "../../limits/pass-through.js";
import { recordsOutcome } from "../../ingest/outcome.js";

/**
 * The short paths Segment's browser library (analytics.js 2.0) posts to once its `apiHost` is the
 * collector's `/v1`: one message each, by type.
 */
export const SEGMENT_BROWSER_PATHS = {
  t: "track",
  p: "page",
  i: "identify",
  a: "alias",
  g: "group",
  s: "screen",
} as const;

/** Every path these routes answer under `/v1`, for CORS (`app.ts`): keep the two together. */
export const SEGMENT_BROWSER_ROUTES = [...Object.keys(SEGMENT_BROWSER_PATHS).map((p) => `/${p}`), "/b", "/m"];

/**
 * Segment's browser library pointed at the collector: `POST /v1/t|p|i|a|g|s` (one message) and
 * `/v1/b` (`{ "batch": [...] }`, its batching mode), mapped exactly as `/v1/track` and
 * `/v1/batch` are. The library sends `text/plain` with the write key as Basic auth, after a CORS
 * preflight (`app.ts` allows any origin on these paths, `SEGMENT_BROWSER_ROUTES`). A publishable write key is a browser, judged
 * by the bot rule like the SDK's traffic. `POST /v1/m`, the library's own metrics, is answered
 * and ignored.
 *
 * @example
 * app.route("/v1", segmentBrowserRoutes(deps));
 */
export function segmentBrowserRoutes(options: SegmentRouteOptions) {
  const app = new Hono();
  const byAddress = options.limits?.limitByAddress ?? passThrough;
  for (const [path, type] of Object.entries(SEGMENT_BROWSER_PATHS)) {
    app.post(`/${path}`, recordsOutcome, writeKeyRequired, byAddress, (c) => receiveSegment(options, c, type));
  }
  app.post("/b", recordsOutcome, writeKeyRequired, byAddress, (c) => receiveSegment(options, c, undefined));
  app.post("/m", noKeyRequired, async (c) => {
    // The body is the library's counters about itself: nothing Tally keeps, so it is not read.
    return c.json({ success: true });
  });
  return app;
}
