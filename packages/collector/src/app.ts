import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { CollectorAssets } from "./assets/collector-assets.js";
import { createPackageAssets } from "./assets/package-assets.js";
import { createAuthenticator } from "./auth/authenticate.js";
import type { RatesSource } from "./currency/rates.js";
import { conversionRoutes } from "./hello-retail/conversion.routes.js";
import { notFound, onError } from "./http/on-error.js";
import { openApiDocument } from "./http/openapi.js";
import { type Answer, routePath } from "./http/contract.js";
import { healthRoute, openApiRoute, projectionRoute } from "./http/service.contract.js";
import { DEFAULT_MAX_BODY_BYTES } from "./http/read-body.js";
import { mountFirstPartyPaths } from "./http/first-party-paths.js";
import { sdkBundleRoutes, type FirstPartyPaths } from "./http/sdk-bundle.routes.js";
import { uuidv7 } from "./ingest/event-id.js";
import { ingestRoutes } from "./ingest/ingest.routes.js";
import { createWriteQueue } from "./ingest/write-queue.js";
import type { Projector } from "./projector/projector.js";
import { behaviourRoutes } from "./queries/behaviour.routes.js";
import { coverageRoutes } from "./queries/coverage.routes.js";
import { fresh, READ_WAIT_MS, settled } from "./queries/fresh.middleware.js";
import { eraseRoutes, journeyRoutes } from "./queries/people.routes.js";
import { revenueRoutes } from "./queries/revenue.routes.js";
import { segmentRoutes } from "./sources/segment/segment.routes.js";
import { SEGMENT_ROUTES } from "./sources/segment/segment.contract.js";
import { segmentBrowserRoutes } from "./sources/segment-browser/segment-browser.routes.js";
import { SEGMENT_BROWSER_ROUTES } from "./sources/segment-browser/segment-browser.contract.js";
import { sourcesRoutes } from "./sources/sources.routes.js";
import type { Store } from "./store.js";
import { noKeyRequired } from "./auth/route-requirement.js";
import { secretKey } from "./auth/secret-key.middleware.js";
import { securityHeaders } from "./http/security-headers.js";
import { dashboardRoutes } from "./dashboard/dashboard.routes.js";
import { createQuotaGate } from "./policies/quota.js";
import { monthOf } from "./policies/month.js";
import type { Auth } from "./auth/authenticate.js";
import { flaggedRoutes } from "./queries/flagged.routes.js";
import {
  createClientLimits,
  DEFAULT_ADDRESS_RATE,
  DEFAULT_KEY_RATE,
  type ClientLimitOptions,
} from "./limits/client-limits.js";

const DEFAULT_CLIENT_LIMITS: ClientLimitOptions = {
  key: DEFAULT_KEY_RATE,
  address: DEFAULT_ADDRESS_RATE,
  trustProxy: false,
};

/** Acknowledged events not yet projected past which ingest answers 503 (about a minute of full-speed ingest). */
export const DEFAULT_MAX_BACKLOG_EVENTS = 1_000_000;

export interface AppOptions {
  store: Store;
  /**
   * Derives stored events and read tables from the inbox: ingest kicks it, queries wait for it.
   * Started by whoever made it (`startCollector`, or a test), never by the app.
   */
  projector: Projector;
  /** Epoch milliseconds now; tests pass a fixed clock. */
  clock?: () => number;
  /** Exchange rates (`staticRates`, or `watchRatesFile` to re-read a file when it changes). */
  rates: RatesSource;
  /** A header a trusted proxy sets to the visitor's ISO country code. */
  countryHeader?: string;
  maxBodyBytes?: number;
  newId?: () => string;
  /** The SDK bundle and the dashboard served; defaults to the collector package's own copies. */
  assets?: CollectorAssets;
  /** The script and the ingest routes under the shop's own paths as well (`serve --script-path --collect-prefix`). */
  firstParty?: FirstPartyPaths;
  log?: (message: string, error?: unknown) => void;
  /** Hears the events of a request a fraud rule at block will drop, by appspace name and rule (the metrics). */
  onDrops?: (appspace: string, rule: string, events: number) => void;
  maxBacklogEvents?: number;
  /** How long a key lookup is reused (revocation takes effect within it). */
  keyCacheMs?: number;
  /** How long a query waits for the projector (read-after-acknowledge) before answering. */
  readWaitMs?: number;
  /** How long the quota's durable count is trusted before it is read again. */
  quotaRefreshMs?: number;
  /** Runs around every request (the Prometheus metrics of `serve --metrics-port`). */
  observe?: MiddlewareHandler;
  /** Token buckets on browser traffic (`serve --limit-key`, `--limit-address`, `--trust-proxy`); by default 1000/s a key, 100/s an address. */
  clientLimits?: ClientLimitOptions;
}

export type App = Hono & { projector: Projector };

/**
 * The collector as a Hono app: every route, wired to the store, projector and rates it is given.
 * It starts nothing: the projector, the background jobs and the rates watcher are
 * `startCollector`'s (`cli/start-collector.ts`), or a test's.
 *
 * @example
 * const store = createSqliteStore({ file: ":memory:" });
 * const projector = createProjector({ store });
 * const app = createApp({ store, projector, rates: staticRates(table) });
 * projector.kick();
 * const res = await app.request("/healthz");
 */
export function createApp(options: AppOptions): App {
  const { store } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? (() => uuidv7());
  const { projector } = options;
  const authenticate = createAuthenticator(store, options.keyCacheMs);
  const deps = {
    store,
    clock,
    projector,
    writes: createWriteQueue(store, (entries) => projector.kick(entries)),
    authenticate,
    // Queries and erase wait for the projector to pass what was acknowledged before them.
    readable: fresh(store, projector, clock, options.readWaitMs ?? READ_WAIT_MS),
    settled: settled(store, projector),
    rates: options.rates,
    newId,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxBacklogEvents: options.maxBacklogEvents ?? DEFAULT_MAX_BACKLOG_EVENTS,
    countryHeader: options.countryHeader,
    quota: createQuotaGate(store, options.quotaRefreshMs),
    limits: createClientLimits(options.clientLimits ?? DEFAULT_CLIENT_LIMITS, authenticate),
    // Counted beside the answer, never in its way: a count that fails to be written is logged.
    recordDrops: (auth: Auth, rule: string, events: number, now: number) => {
      options.onDrops?.(auth.appspace.name, rule, events);
      store
        .addFraudDrops(auth.appspace.seq, rule, monthOf(now), events)
        .catch((error) => log("counting fraud drops failed", error));
    },
  };

  const app = new Hono();
  app.onError(onError(log));
  app.notFound(notFound);
  if (options.observe) app.use(options.observe);
  app.use(securityHeaders());
  // Any page may send events (that is what a publishable key is for); no other origin may read
  // a query or erase a person: those routes answer no CORS headers, so a browser keeps their
  // answers from other origins' scripts. Retry-After is not CORS-safelisted: it is exposed so a
  // browser SDK can honour it.
  const ingestCors = cors({
    origin: "*",
    allowMethods: ["POST", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type"],
    exposeHeaders: ["Retry-After"],
    maxAge: 86400,
  });
  for (const path of [
    "/v1/api/analytics/ecommerce/track",
    "/v1/api/analytics/ecommerce/batch",
    ...[...SEGMENT_ROUTES, ...SEGMENT_BROWSER_ROUTES].map(routePath),
  ]) {
    app.use(path, ingestCors);
  }
  app.use(
    "/serve/*",
    cors({ origin: "*", allowMethods: ["POST", "OPTIONS"], allowHeaders: ["Content-Type"], maxAge: 86400 }),
  );

  // Each route declares the key it needs (auth/route-requirement.ts) with its handlers.
  app.get(routePath(healthRoute), noKeyRequired, async (c) => {
    await store.ping();
    return c.json<Answer<typeof healthRoute>>({ ok: true });
  });
  // Where the inbox and the projector stand: entries appended and projected, events waiting.
  app.get(routePath(projectionRoute), noKeyRequired, async (c) => {
    const { appended, projected, backlogEvents } = await store.positions();
    return c.json<Answer<typeof projectionRoute>>({ appended, projected, backlog_events: backlogEvents });
  });
  // Generated from the contracts once, when first asked for.
  let document: Answer<typeof openApiRoute> | undefined;
  app.get(routePath(openApiRoute), noKeyRequired, (c) =>
    c.json<Answer<typeof openApiRoute>>((document ??= openApiDocument(options.firstParty))),
  );
  const assets = options.assets ?? createPackageAssets();
  app.route(
    "/",
    sdkBundleRoutes(() => assets.sdkBundle(), options.firstParty),
  );
  mountFirstPartyPaths(app, options.firstParty);
  app.route("/v1/api/analytics/ecommerce", ingestRoutes(deps));
  // The query routes take their full paths from their contracts (`queries/*.contract.ts`).
  app.route("/", revenueRoutes(deps));
  app.route("/", behaviourRoutes(deps));
  app.route("/", journeyRoutes(deps));
  app.route("/", coverageRoutes(deps));
  app.route("/", flaggedRoutes(deps));
  app.route("/", eraseRoutes(deps));
  app.route("/", conversionRoutes(deps));
  app.route("/", segmentRoutes(deps));
  app.route("/", segmentBrowserRoutes(deps));
  app.route(
    "/",
    sourcesRoutes(deps, () => assets.shopifyPixel()),
  );
  app.route(
    "/",
    dashboardRoutes({ secret: secretKey(deps.authenticate), files: () => assets.dashboard(), store, clock }),
  );
  return Object.assign(app, { projector });
}
