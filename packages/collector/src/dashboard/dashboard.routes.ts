import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { SecretEnv } from "../auth/secret-key.middleware.js";
import { noKeyRequired } from "../auth/route-requirement.js";
import { TallyError } from "../errors.js";
import { appspaceRoutes } from "./appspace.routes.js";
import type { DashboardFiles } from "../assets/collector-assets.js";
import { createPackageAssets } from "../assets/package-assets.js";
import { readBuiltDashboard, type BuiltDashboard, type BuiltFile } from "./built-files.js";
import type { Store } from "../store.js";
import { paramsOf, routePath } from "../http/contract.js";
import { dashboardAssetRoute, dashboardPageRoute, dashboardSlashRoute, rootRoute } from "./dashboard.contract.js";

/**
 * Only the collector's own origin, nothing inline: the page holds a secret key, so an injected
 * script must find nothing to run and nowhere to send it.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface DashboardRouteOptions {
  /** The guard of the query routes: the appspace route answers only a secret key. */
  secret: MiddlewareHandler<SecretEnv>;
  /** The built dashboard (undefined when it was not built); defaults to the collector package's copy. */
  files?: () => DashboardFiles | undefined;
  /** Where the appspace route reads what the fraud rules dropped. */
  store: Pick<Store, "fraudDrops">;
  clock?: () => number;
}

function send(c: Context, file: BuiltFile, cacheControl: string) {
  c.header("Content-Security-Policy", DASHBOARD_CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", cacheControl);
  c.header("Content-Type", file.type);
  c.header("Vary", "Accept-Encoding");
  if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    c.header("Content-Encoding", "gzip");
    return c.body(new Uint8Array(file.gzip));
  }
  return c.body(new Uint8Array(file.body));
}

/**
 * `GET /dashboard` (and `/` redirecting to it), as `dashboard.contract.ts` declares them: the built dashboard under a strict CSP, its
 * content-hashed assets cacheable for good; plus the appspace route the dashboard reads first.
 *
 * @example
 * app.route("/", dashboardRoutes({ secret: secretKey(authenticate), store }));
 */
export function dashboardRoutes({
  secret,
  files = () => createPackageAssets().dashboard(),
  store,
  clock,
}: DashboardRouteOptions) {
  let built: BuiltDashboard | undefined;
  const load = () => {
    if (!built) {
      const found = files();
      if (!found) throw new TallyError(404, "dashboard.not_built", "The dashboard is not built: run `pnpm build`");
      built = readBuiltDashboard(found);
    }
    return built;
  };
  const app = new Hono();
  const search = (c: Context) => new URL(c.req.url).search;
  app.get(routePath(rootRoute), noKeyRequired, (c) => c.redirect(`/dashboard${search(c)}`, 302));
  app.get(routePath(dashboardSlashRoute), noKeyRequired, (c) => c.redirect(`/dashboard${search(c)}`, 301));
  app.get(routePath(dashboardPageRoute), noKeyRequired, (c) => send(c, load().index, "no-cache"));
  app.get(routePath(dashboardAssetRoute), noKeyRequired, (c) => {
    const { name } = paramsOf(dashboardAssetRoute, (param) => c.req.param(param));
    const asset = load().assets.get(name);
    if (!asset) throw new TallyError(404, "dashboard.not_found", `No dashboard file ${name}`);
    return send(c, asset, "public, max-age=31536000, immutable");
  });
  app.route("/", appspaceRoutes(secret, store, clock));
  return app;
}
