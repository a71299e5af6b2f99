import type { Hono } from "hono";
import type { FirstPartyPaths } from "./sdk-bundle.routes.js";

/** The ingest route each path under the collect prefix stands for. */
const ROUTES: Record<string, string> = {
  batch: "/v1/api/analytics/ecommerce/batch",
  track: "/v1/api/analytics/ecommerce/track",
  conversion: "/serve/collect/conversion",
};

/**
 * Serves every ingest route under `collectPrefix` as well (`/api/s/batch` is
 * `/v1/api/analytics/ecommerce/batch`, `/api/s/track`, `/api/s/conversion`), so that a shop can
 * put the collector under its own domain with names no blocker knows. A request there is handed
 * to the route it stands for, unchanged otherwise: same key checks, same answers. The body is
 * passed on as the stream it is, unread: the route's own cap applies while it is read.
 *
 * @example
 * mountFirstPartyPaths(app, { collectPrefix: "/api/s" });
 */
export function mountFirstPartyPaths(app: Hono, { collectPrefix }: FirstPartyPaths = {}): void {
  if (!collectPrefix) return;
  app.all(`${collectPrefix}/:route{batch|track|conversion}`, async (c) => {
    const url = new URL(c.req.url);
    url.pathname = ROUTES[c.req.param("route")]!;
    const { method, headers } = c.req.raw;
    const body = method === "GET" || method === "HEAD" ? undefined : c.req.raw.body;
    return app.fetch(new Request(url, { method, headers, body, duplex: "half" } as RequestInit), c.env);
  });
}

/**
 * Checks the paths given to `serve`: absolute, no query, not one of the collector's own.
 * Answers a message for what is wrong.
 *
 * @example
 * firstPartyProblem({ scriptPath: "js/site.js" }); // "--script-path must start with /"
 */
export function firstPartyProblem({ scriptPath, collectPrefix }: FirstPartyPaths): string | undefined {
  for (const [flag, path] of [
    ["--script-path", scriptPath],
    ["--collect-prefix", collectPrefix],
  ] as const) {
    if (path === undefined) continue;
    if (!/^\/[\w\-./]*[\w-]$/.test(path) || path.includes("//") || path.includes(".."))
      return `${flag} must be a path such as /js/site.js or /api/s`;
    if (/^\/(v1|serve|tally\.|healthz|openapi\.json)/.test(path))
      return `${flag} must not be one of the collector's own paths`;
  }
  return undefined;
}
