import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { recordedOutcome } from "../ingest/outcome.js";
import { reasonOf } from "./reason.js";
import type { Metrics } from "./metrics.js";

const QUERY_PREFIX = "/v1/api/analytics/ecommerce/";
const MAX_REASONS = 100;

/**
 * The registered path of the route that answered, not the URL, so labels stay few. A request
 * only middleware answered (a CORS preflight) is labelled with that middleware's path.
 */
function routeOf(c: Context): string {
  const matched = matchedRoutes(c);
  const route = matched.filter((r) => r.method !== "ALL").at(-1) ?? (c.res.status === 404 ? undefined : matched.at(-1));
  return route?.path ?? "unmatched";
}

/**
 * Records every request (count and latency by route and status), each query endpoint's time,
 * and what each ingest request accepted and refused, as its route recorded it on the context
 * (`ingest/outcome.ts`): this middleware reads no body and looks up no key.
 *
 * @example
 * createApp({ store, projector, rates, observe: metricsMiddleware(createMetrics()) });
 */
export function metricsMiddleware(metrics: Metrics): MiddlewareHandler {
  const reasons = new Set<string>();
  const boundedReason = (reason: string) => {
    if (reasons.has(reason) || reasons.size < MAX_REASONS) {
      reasons.add(reason);
      return reason;
    }
    return "other";
  };

  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    metrics.request(c.req.method, route, c.res.status, seconds);
    if (c.req.method === "GET" && route.startsWith(QUERY_PREFIX) && c.res.ok)
      metrics.query(route.slice(QUERY_PREFIX.length), seconds);

    const outcome = recordedOutcome(c);
    if (!outcome) return;
    const appspace = outcome.appspace ?? "unknown";
    metrics.eventsAccepted(appspace, outcome.accepted);
    const refused = new Map<string, number>();
    for (const message of outcome.refused) {
      const reason = boundedReason(reasonOf(message));
      refused.set(reason, (refused.get(reason) ?? 0) + 1);
    }
    for (const [reason, count] of refused) metrics.eventsRejected(reason, count);
    if (outcome.quotaRefused) metrics.quotaRefused(appspace);
    if (outcome.losses?.dropped) metrics.sdkReportedLosses("dropped", outcome.losses.dropped);
    if (outcome.losses?.expired) metrics.sdkReportedLosses("expired", outcome.losses.expired);
  };
}
