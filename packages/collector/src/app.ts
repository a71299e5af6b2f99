import { Hono } from "hono";
import { cors } from "hono/cors";
import type { Db } from "./db/open.js";
import { watchRatesFile, type RatesSource } from "./currency/rates.js";
import { conversionRoutes } from "./hello-retail/conversion.routes.js";
import { notFound, onError } from "./http/on-error.js";
import { openApiDocument } from "./http/openapi.js";
import { DEFAULT_MAX_BODY_BYTES } from "./http/read-body.js";
import { sdkBundleRoutes } from "./http/sdk-bundle.routes.js";
import { uuidv7 } from "./ingest/event-id.js";
import { ingestRoutes } from "./ingest/ingest.routes.js";
import { behaviourRoutes } from "./queries/behaviour.routes.js";
import { eraseRoutes, journeyRoutes } from "./queries/people.routes.js";
import { revenueRoutes } from "./queries/revenue.routes.js";
import { noKeyRequired } from "./auth/route-requirement.js";
import { securityHeaders } from "./http/security-headers.js";
import { createWriteQueue } from "./ingest/write-queue.js";

export interface AppOptions {
  db: Db;
  /** Epoch milliseconds now; tests pass a fixed clock. */
  clock?: () => number;
  /** Exchange rates; defaults to the shipped snapshot, re-read when it changes. */
  rates?: RatesSource;
  /** A header a trusted proxy sets to the visitor's ISO country code. */
  countryHeader?: string;
  maxBodyBytes?: number;
  newId?: () => string;
  /** The SDK bundle file served at `/tally.js`; defaults to `@tally/sdk`'s build. */
  sdkBundle?: string;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The collector as a Hono app: every route, wired to the database it is given.
 *
 * @example
 * const app = createApp({ db: openDatabase(":memory:") });
 * const res = await app.request("/healthz");
 */
export function createApp(options: AppOptions) {
  const deps = {
    db: options.db,
    writes: createWriteQueue(options.db),
    clock: options.clock ?? Date.now,
    rates: options.rates ?? watchRatesFile(),
    newId: options.newId ?? (() => uuidv7()),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    countryHeader: options.countryHeader,
  };
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));

  const app = new Hono();
  app.onError(onError(log));
  app.notFound(notFound);
  app.use(securityHeaders());
  app.use(
    "/v1/*",
    // Retry-After is not a CORS-safelisted header: without exposing it a browser SDK cannot honour it.
    cors({ origin: "*", allowMethods: ["GET", "POST", "DELETE", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], exposeHeaders: ["Retry-After"], maxAge: 86400 }),
  );
  app.use("/serve/*", cors({ origin: "*", allowMethods: ["POST", "OPTIONS"], allowHeaders: ["Content-Type"], maxAge: 86400 }));

  // Each route declares the key it needs (auth/route-requirement.ts) with its handlers.
  app.get("/healthz", noKeyRequired, (c) => {
    deps.db.prepare("SELECT 1").get();
    return c.json({ ok: true });
  });
  app.get("/openapi.json", noKeyRequired, (c) => c.json(openApiDocument()));
  app.route("/", sdkBundleRoutes(options.sdkBundle));
  app.route("/v1/api/analytics/ecommerce", ingestRoutes(deps));
  const ecommerce = "/v1/api/analytics/ecommerce";
  app.route(ecommerce, revenueRoutes(deps));
  app.route(ecommerce, behaviourRoutes(deps));
  app.route(ecommerce, journeyRoutes(deps));
  app.route("/v1/api/analytics", eraseRoutes(deps));
  app.route("/serve/collect", conversionRoutes(deps));
  return app;
}
