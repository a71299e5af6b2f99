import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { createAppspace, type CreatedAppspace } from "../appspaces/create-appspace.js";
import { listAppspaces } from "../appspaces/appspaces.queries.js";
import { watchRatesFile, DEFAULT_RATES_FILE } from "../currency/rates.js";
import { openDatabase } from "../db/open.js";
import { authenticate } from "../auth/authenticate.js";
import { createMetrics } from "../metrics/metrics.js";
import { metricsMiddleware } from "../metrics/metrics.middleware.js";
import { serveMetrics, type MetricsServer } from "../metrics/metrics-server.js";
import { generateHistory, sendEvents } from "../demo/demo-history.js";
import { parseFlags, port, UsageError } from "./args.js";

export const SERVE_USAGE = `Usage:
  tally-collector serve [--db FILE] [--port N] [--host H] [--rates FILE] [--country-header NAME]
                        [--metrics-port N]

  --db FILE              SQLite file, created when missing (default ./tally.db)
  --port N               port to listen on (default 8787)
  --host H               address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --rates FILE           exchange rates in Open Exchange Rates' latest.json shape; re-read when
                         it changes (default: the snapshot shipped with the collector)
  --country-header NAME  a header your proxy sets to the visitor's country (e.g. CF-IPCountry)
  --metrics-port N       serve Prometheus metrics at /metrics on this port of the same host
                         (default: off)
  --no-demo              do not create a demo appspace in an empty database

On an empty database it creates a "Demo shop" appspace with 60 days of generated history and
prints its keys (once).
SIGTERM or SIGINT finish the requests in flight, then close the database.`;

export async function serveCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const flags = parseFlags(argv, {
    db: { type: "string", default: "./tally.db" },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    rates: { type: "string" },
    "country-header": { type: "string" },
    "no-demo": { type: "boolean" },
    "metrics-port": { type: "string" },
  });
  if (flags.help) {
    out(SERVE_USAGE);
    return;
  }
  let rates;
  try {
    rates = watchRatesFile((flags.rates as string | undefined) ?? DEFAULT_RATES_FILE);
  } catch (error) {
    throw new UsageError(`--rates: ${(error as Error).message}`);
  }
  const db = openDatabase(flags.db as string);
  const demo = !flags["no-demo"] && listAppspaces(db).length === 0
    ? createAppspace(db, { name: "Demo shop", currency: "USD" })
    : undefined;
  const metricsPort = flags["metrics-port"] === undefined ? undefined : port(flags["metrics-port"] as string, 0, "--metrics-port");
  const metrics = metricsPort === undefined ? undefined : createMetrics();
  const appspaceOfKey = (key: string) => {
    try {
      return authenticate(db, key).appspace.id;
    } catch {
      // An unknown key: ingest refuses it, and the refusal is what the metrics count.
      return undefined;
    }
  };
  const observe = metrics && metricsMiddleware(metrics, { appspaceOfKey });
  const app = createApp({ db, rates, countryHeader: flags["country-header"] as string | undefined, observe });
  const host = flags.host as string;
  const scrape: MetricsServer | undefined = metrics && (await serveMetrics(metrics, { port: metricsPort!, hostname: host }));

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: port(flags.port as string | undefined, 8787), hostname: host }, async (info) => {
      const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${info.port}`;
      const history = demo && (await loadDemoHistory(url, demo.secret_key));
      const about = demo ? demoBanner(url, demo, history!) : `Appspaces: ${listAppspaces(db).map((a) => `${a.name} (${a.id})`).join(", ")}`;
      const metricsLine = scrape ? `\nPrometheus metrics at ${scrape.url}` : "";
      // One write, so whoever waits for "listening on" sees the keys with it.
      out(`${about}${metricsLine}\nTally collector listening on ${url}  (database ${flags.db})\nDashboard: ${url}/dashboard`);
    }) as Server;
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      out(`${signal}: finishing requests in flight…`);
      const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
      void scrape?.close();
      server.close(() => {
        clearTimeout(force);
        db.close();
        out("Database closed. Bye.");
        resolve();
      });
      server.closeIdleConnections();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

/** Sends the demo shop's generated history through its own ingest route; says what it did. */
async function loadDemoHistory(url: string, secretKey: string): Promise<string> {
  const events = generateHistory({ days: 60 });
  try {
    await sendEvents(url, secretKey, events);
    return `with ${events.length} generated events over the last 60 days`;
  } catch (error) {
    return `without history (it could not be loaded: ${(error as Error).message})`;
  }
}

function demoBanner(url: string, demo: CreatedAppspace, history: string): string {
  const body = JSON.stringify({
    event_type: "purchase", transaction_id: "order_456", revenue: 49.99, currency: "USD", user_id: "user_123",
    items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 }],
  });
  return `
Created the demo appspace "${demo.name}" (${demo.currency}) ${history}; its keys are shown only now:
  appspace id      ${demo.id}
  publishable key  ${demo.publishable_key}   (browsers: ingest only)
  secret key       ${demo.secret_key}   (queries: keep it private)

Put this on a shop page:
  <script async src="${url}/tally.js" data-key="${demo.publishable_key}"></script>

Send a purchase:
  curl -s ${url}/v1/api/analytics/ecommerce/track -H 'Authorization: Bearer ${demo.publishable_key}' \\
    -H 'Content-Type: application/json' -d '${body}'
Read the numbers: open ${url}/dashboard and sign in with the secret key, or
  curl -s ${url}/v1/api/analytics/ecommerce/overview -H 'Authorization: Bearer ${demo.secret_key}'
`;
}
