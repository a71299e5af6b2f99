import { Hono } from "hono";
import { cors } from "hono/cors";
import type { Db } from "./db/open.js";
import { watchRatesFile, type RatesSource } from "./currency/rates.js";
import { conversionRoutes } from "./hello-retail/conversion.routes.js";
import { notFound, onError } from "./http/on-error.js";
import { openApiDocument } from "./http/openapi.js";
import { DEFAULT_MAX_BODY_BYTES } from "./http/read-body.js";
import { mountFirstPartyPaths } from "./http/first-party-paths.js";
import { sdkBundleRoutes, type FirstPartyPaths } from "./http/sdk-bundle.routes.js";
import { uuidv7 } from "./ingest/event-id.js";
import { ingestRoutes } from "./ingest/ingest.routes.js";
import { behaviourRoutes } from "./queries/behaviour.routes.js";
import { eraseRoutes, journeyRoutes } from "./queries/people.routes.js";
import { revenueRoutes } from "./queries/revenue.routes.js";
import { secretKey } from "./auth/secret-key.middleware.js";
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
  /** The script and the ingest routes under the shop's own paths as well (`serve --script-path --collect-prefix`). */
  firstParty?: FirstPartyPaths;
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
  app.use(
    "/v1/*",
    // Retry-After is not a CORS-safelisted header: without exposing it a browser SDK cannot honour it.
    cors({ origin: "*", allowMethods: ["GET", "POST", "DELETE", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], exposeHeaders: ["Retry-After"], maxAge: 86400 }),
  );
  app.use("/serve/*", cors({ origin: "*", allowMethods: ["POST", "OPTIONS"], allowHeaders: ["Content-Type"], maxAge: 86400 }));

  app.get("/healthz", (c) => {
    deps.db.prepare("SELECT 1").get();
    return c.json({ ok: true });
  });
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.route("/", sdkBundleRoutes(options.sdkBundle, options.firstParty));
  mountFirstPartyPaths(app, options.firstParty);
  app.route("/v1/api/analytics/ecommerce", ingestRoutes(deps));
  const ecommerce = "/v1/api/analytics/ecommerce";
  const secret = secretKey(deps.db);
  // Ingest (POST) takes any key; every query (GET) and the erase need a secret one.
  app.use(`${ecommerce}/*`, (c, next) => (c.req.method === "GET" ? secret(c as never, next) : next()));
  app.use("/v1/api/analytics/user/*", secret);
  app.route(ecommerce, revenueRoutes(deps));
  app.route(ecommerce, behaviourRoutes(deps));
  app.route(ecommerce, journeyRoutes(deps));
  app.route("/v1/api/analytics", eraseRoutes(deps));
  app.route("/serve/collect", conversionRoutes(deps));
  return app;
}
