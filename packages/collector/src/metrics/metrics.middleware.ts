import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { keyOf } from "../auth/authenticate.js";
import { ingestOutcome, type IngestRoute } from "./ingest-outcome.js";
import type { Metrics } from "./metrics.js";
import { QUOTA_MESSAGE } from "../policies/quota.js";

export interface MetricsMiddlewareOptions {
  /**
   * The appspace label of an ingest key, for `tally_events_accepted_total{appspace}`: its name,
   * never its id (the Hello Retail credential); undefined when unknown.
   */
  appspaceOfKey(key: string): string | undefined | Promise<string | undefined>;
  /** The same label for a Hello Retail website id. */
  appspaceOfWebsite(website: string): string | undefined | Promise<string | undefined>;
}

const INGEST_ROUTES: Record<string, IngestRoute> = {
  "/v1/api/analytics/ecommerce/track": "track",
  "/v1/api/analytics/ecommerce/batch": "batch",
  "/serve/collect/conversion": "conversion",
};
const QUERY_PREFIX = "/v1/api/analytics/ecommerce/";
// A body is read a second time only up to the collector's default body cap (and only with a
// Content-Length): a larger one is the route's to refuse, and is not buffered twice.
const MAX_PEEK_BYTES = 1024 * 1024;
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
 * and what each ingest answer accepted and refused. Ingest bodies are peeked at only for what
 * the answer does not say: a key sent in the body, an SDK's loss report, a Hello Retail website.
 *
 * @example
 * createApp({ db, observe: metricsMiddleware(metrics, { appspaceOfKey: (key) => lookUp(key)?.name, appspaceOfWebsite: (id) => find(id)?.name }) });
 */
export function metricsMiddleware(metrics: Metrics, options: MetricsMiddlewareOptions): MiddlewareHandler {
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
    const ingest = c.req.method === "POST" ? INGEST_ROUTES[c.req.path] : undefined;
    const peek = ingest ? peekBody(c.req.raw) : undefined;
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    metrics.request(c.req.method, route, c.res.status, seconds);
    if (c.req.method === "GET" && route.startsWith(QUERY_PREFIX) && c.res.ok)
      metrics.query(route.slice(QUERY_PREFIX.length), seconds);
    if (!ingest) return;

    const answer = await c.res
      .clone()
      .json()
      .catch(() => undefined);
    const outcome = ingestOutcome(ingest, c.res.status, answer);
    const body = await peek;
    const appspaceOf = async () => {
      const key = keyOf(c.req.header("authorization"), c.req.query("key"), body?.key);
      const website = ingest === "conversion" && typeof body?.websiteUuid === "string" ? body.websiteUuid : undefined;
      const label =
        website !== undefined
          ? await options.appspaceOfWebsite(website)
          : key
            ? await options.appspaceOfKey(key.value)
            : undefined;
      return label ?? "unknown";
    };
    if (outcome.accepted > 0) metrics.eventsAccepted(await appspaceOf(), outcome.accepted);
    for (const [reason, count] of outcome.rejected) metrics.eventsRejected(boundedReason(reason), count);
    if (c.res.status === 429 && isQuotaRefusal(answer)) metrics.quotaRefused(await appspaceOf());
    const sdk = body?.sdk as { dropped?: unknown; expired?: unknown } | undefined;
    if (ingest === "batch" && c.res.ok && typeof sdk === "object" && sdk !== null) {
      if (typeof sdk.dropped === "number") metrics.sdkReportedLosses("dropped", sdk.dropped);
      if (typeof sdk.expired === "number") metrics.sdkReportedLosses("expired", sdk.expired);
    }
  };
}

/** A 429 of the quota (in the ingest contract's shape or Hello Retail's), not of a rate limit. */
function isQuotaRefusal(answer: unknown): boolean {
  const { code, message } = (answer ?? {}) as { code?: unknown; message?: unknown };
  return code === "ingest.quota_exceeded" || message === QUOTA_MESSAGE;
}

/**
 * The fields of an ingest body the answer does not repeat. The text is parsed only when it can
 * hold one of them, so a plain batch with its key in the URL costs a copy and a search.
 */
async function peekBody(request: Request): Promise<Record<string, unknown> | undefined> {
  const length = Number(request.headers.get("content-length"));
  if (!(length > 0 && length <= MAX_PEEK_BYTES)) return undefined;
  const text = await request.clone().text();
  if (!/"(key|sdk|websiteUuid)"\s*:/.test(text)) return undefined;
  try {
    const body = JSON.parse(text);
    return typeof body === "object" && body !== null ? body : undefined;
  } catch {
    // Not JSON: the route answers that itself, and the answer is what the metrics count.
    return undefined;
  }
}
