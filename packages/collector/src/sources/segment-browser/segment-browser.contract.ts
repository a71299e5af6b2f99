// Segment's browser library (analytics.js 2.0) pointed at the collector: text/plain bodies, CORS
// with preflight; the messages are Segment's routes' own.
import { segmentAnswer } from "@tally/schema";
import { defineRoute, type RouteContract } from "../../http/contract.js";
import { segmentBatchRoute, segmentMessageRoute } from "../segment/segment.contract.js";

/** The short paths the library posts one message to, by type. */
export const SEGMENT_BROWSER_PATHS = {
  t: "track",
  p: "page",
  i: "identify",
  a: "alias",
  g: "group",
  s: "screen",
} as const;

export const SEGMENT_BROWSER_MESSAGE_ROUTES = Object.entries(SEGMENT_BROWSER_PATHS).map(([path, type]) => ({
  type,
  route: segmentMessageRoute(type, `/v1/${path}`),
}));

/** Its batching mode, `{ "batch": [...] }`. */
export const segmentBrowserBatchRoute = segmentBatchRoute("/v1/b");

/** The library's metrics about itself: answered and ignored. */
export const segmentMetricsRoute = defineRoute({
  method: "post",
  path: "/v1/m",
  summary: "Segment browser library metrics (answered and ignored)",
  tags: ["segment"],
  security: [],
  answer: segmentAnswer,
  answerDescription: "Answered; nothing is kept",
  errors: {},
});

/** Every browser route, for CORS (`app.ts`) and `/openapi.json`. */
export const SEGMENT_BROWSER_ROUTES: RouteContract[] = [
  ...SEGMENT_BROWSER_MESSAGE_ROUTES.map((m) => m.route),
  segmentBrowserBatchRoute,
  segmentMetricsRoute,
];
