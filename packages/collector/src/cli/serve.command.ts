import type { App } from "../app.js";
import { createAppspace } from "../appspaces/create-appspace.js";
import { hasCurrency } from "../currency/rates.js";
import { generateHistory, sendEvents, splitHistory } from "../demo/demo-history.js";
import { createMetrics } from "../metrics/metrics.js";
import { metricsMiddleware } from "../metrics/metrics.middleware.js";
import { serveMetrics, type MetricsServer } from "../metrics/metrics-server.js";
import { firstPartyProblem } from "../http/first-party-paths.js";
import { startCollector } from "./start-collector.js";
import type { Store } from "../store.js";
import { CliError, DEFAULT_DB, parseFlags, port, UsageError } from "./args.js";
import { checkStoreFile, openStoreFile, shownDb } from "./store-file.js";
import { isPostgresUrl } from "../stores/postgres/connect.js";
import { listen } from "./listen.js";
import { ratesChoice } from "./rates-option.js";
import type { CollectorAssets } from "../assets/collector-assets.js";
import { sdkBundleVersion } from "../http/sdk-bundle.routes.js";
import { clientLimitsOf, serverLimitsOf } from "./limit-options.js";
import { demoBanner, knownAppspacesBanner } from "./serve-banner.js";

export const SERVE_USAGE = `Usage:
  tally-collector serve [--db FILE|URL] [--port N] [--host H] [--rates FILE] [--country-header NAME] [--no-demo] [--no-backup]
                        [--metrics-port N] [--metrics-host H] [--script-path PATH] [--collect-prefix PATH]
                        [--limit-key RATE] [--limit-address RATE] [--trust-proxy]
                        [--headers-timeout S] [--request-timeout S] [--max-connections N]

  --db FILE|URL          SQLite file, created when missing, or a PostgreSQL database
                         (postgres://user:password@host:5432/dbname) that several collectors
                         share (default: $TALLY_DB, else ./tally.db)
  --port N               port to listen on (default 8787)
  --host H               address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --rates FILE           exchange rates in Open Exchange Rates' latest.json shape; re-read when
                         it changes (default: the snapshot shipped with the collector)
  --country-header NAME  a header your proxy sets to the visitor's country (e.g. CF-IPCountry)
  --metrics-port N       serve Prometheus metrics at /metrics on this port (default: off)
  --metrics-host H       address the metrics listen on (default 127.0.0.1, whatever --host is:
                         the metrics need no key, so only say 0.0.0.0 behind a firewall)
  --no-demo              do not create a demo appspace in an empty database
  --no-backup            upgrading a database written by an earlier collector, do not keep a
                         copy of it first (FILE.schema-N.backup, N its schema version)
  --script-path PATH     serve the SDK at PATH as well (e.g. /js/site.js), sending to --collect-prefix
  --collect-prefix PATH  serve the ingest routes under PATH as well: PATH/batch, PATH/track,
                         PATH/conversion (put both under the shop's own domain: see the SDK README)
  --limit-key RATE       browser (publishable-key and Hello Retail) requests an appspace may send,
                         as N/s, N/min or N/s:BURST, or off (default 1000/s, burst 2000); 429 past it
  --limit-address RATE   browser requests one client address may send (default 100/s, burst 200;
                         an IPv6 client counts by its /64); secret-key requests are never limited
  --trust-proxy          behind one reverse proxy: the client address is the last one in
                         X-Forwarded-For (only set it when every request comes through that proxy)
  --headers-timeout S    seconds a client has to send a request's headers (default 10)
  --request-timeout S    seconds a client has to send a whole request; then 408 (default 28,
                         so a trickled body is let go within 30 s)
  --max-connections N    open connections past which new ones are refused (default 10000)

On an empty SQLite database it creates a "Demo shop" appspace with 60 days of generated
history and prints its keys once it listens (on PostgreSQL, the appspace command makes
them).
SIGTERM or SIGINT finish the requests in flight, then close the database.`;

type Out = (line: string) => void;

/** `serve`: checks everything that can fail, listens, and only then creates the database. */
export async function serveCommand(argv: string[], out: Out, log: Out, assets: CollectorAssets): Promise<void> {
  const flags = parseFlags(argv, {
    db: { type: "string", default: DEFAULT_DB },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    rates: { type: "string" },
    "country-header": { type: "string" },
    "no-demo": { type: "boolean" },
    "no-backup": { type: "boolean" },
    "metrics-port": { type: "string" },
    "metrics-host": { type: "string", default: "127.0.0.1" },
    "script-path": { type: "string" },
    "collect-prefix": { type: "string" },
    "limit-key": { type: "string" },
    "limit-address": { type: "string" },
    "trust-proxy": { type: "boolean" },
    "headers-timeout": { type: "string" },
    "request-timeout": { type: "string" },
    "max-connections": { type: "string" },
  });
  if (flags.help) return out(SERVE_USAGE);
  const file = flags.db as string;
  const host = flags.host as string;
  const wanted = port(flags.port as string | undefined, 8787);
  const firstParty = {
    scriptPath: flags["script-path"] as string | undefined,
    collectPrefix: flags["collect-prefix"] as string | undefined,
  };
  const pathProblem = firstPartyProblem(firstParty);
  if (pathProblem) throw new UsageError(pathProblem);
  const metricsPort =
    flags["metrics-port"] === undefined ? undefined : port(flags["metrics-port"] as string, 0, "--metrics-port");
  const clientLimits = clientLimitsOf(flags);
  const serverLimits = serverLimitsOf(flags);
  const ratesFrom = ratesChoice(flags.rates, assets);
  const rates = ratesFrom.open((message) => log(`${new Date().toISOString()} ${message}`));
  checkStoreFile(file);

  let app: App | undefined;
  const { server, port: bound } = await listen(host, wanted, () => app?.fetch, serverLimits);
  let store: Store;
  try {
    store = await openStoreFile(file, { backup: !flags["no-backup"] });
  } catch (error) {
    server.close();
    throw error;
  }
  const appspaces = await store.listAppspaces();
  const unconvertible = appspaces.find((a) => !hasCurrency(rates.get(), a.currency));
  if (unconvertible) {
    server.close();
    await store.close();
    throw new CliError(
      `appspace "${unconvertible.name}" (${unconvertible.id}) counts in ${unconvertible.currency}, but ${ratesFrom.label} has no rate for it: pass --rates FILE with a rate for ${unconvertible.currency}`,
    );
  }
  // Several collectors may start at once on one PostgreSQL database: none makes a demo there.
  const demo =
    !flags["no-demo"] && !isPostgresUrl(file) && appspaces.length === 0
      ? await createAppspace(store, { name: "Demo shop", currency: "USD" })
      : undefined;
  const metrics =
    metricsPort === undefined
      ? undefined
      : createMetrics({ ...projectionGauges(store), webhookBacklog: () => store.webhookBacklog() });
  const observe = metrics && metricsMiddleware(metrics);
  const collector = startCollector({
    store,
    db: file,
    rates,
    assets,
    countryHeader: flags["country-header"] as string | undefined,
    observe,
    firstParty,
    clientLimits,
    onFraud: (counts) => metrics?.fraud(counts),
    onDrops: (appspace, rule, events) => metrics?.fraudDrops(appspace, rule, events),
    onSetAside: () => metrics?.entrySetAside(),
    onDelivery: (result) => metrics?.webhookDelivery(result),
  });
  const served = collector.app;
  app = served;
  const scrape: MetricsServer | undefined =
    metrics && (await serveMetrics(metrics, { port: metricsPort!, hostname: flags["metrics-host"] as string }));

  const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host}:${bound}`;
  const history = demo && (await loadDemoHistory(url, demo.secret_key, demo.publishable_key));
  const about = demo
    ? demoBanner(
        url,
        demo,
        file,
        sdkBundleVersion(() => assets.sdkBundle()),
        history,
        firstParty.scriptPath,
      )
    : knownAppspacesBanner(await store.listAppspaces(), file);
  const metricsLine = scrape ? `\nPrometheus metrics at ${scrape.url}` : "";
  // One write, so whoever waits for "listening on" sees the keys with it.
  out(
    `${about}${metricsLine}\nTally collector listening on ${url}  (database ${shownDb(file)})\nDashboard: ${url}/dashboard`,
  );

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      out(`${signal}: finishing requests in flight…`);
      const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
      void scrape?.close();
      server.close(async () => {
        clearTimeout(force);
        await collector.stop();
        await store.close();
        out("Database closed. Bye.");
        resolve();
      });
      server.closeIdleConnections();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

/** A desktop browser's User-Agent for the demo's browser copies (the bot rule drops Node's). */
const DEMO_BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/**
 * Sends the demo shop's generated history through its own ingest routes, the browser's copies
 * with the publishable key and the server's with the secret one, so the coverage panel has
 * orders seen by the browser only, the server only and both; says what it did.
 */
async function loadDemoHistory(url: string, secretKey: string, publishableKey: string): Promise<string> {
  const events = generateHistory({ days: 60 });
  const { browser, server } = splitHistory(events);
  try {
    await sendEvents(url, secretKey, server);
    await sendEvents(url, publishableKey, browser, DEMO_BROWSER);
    return `with ${events.length} generated events over the last 60 days`;
  } catch (error) {
    return `without history (it could not be loaded: ${(error as Error).message})`;
  }
}

/** The projection gauges: inbox entries waiting, and how long the projector has been behind. */
function projectionGauges(store: Store) {
  let behindSince: number | undefined;
  const positions = async () => {
    const p = await store.positions();
    if (p.backlogEvents === 0) behindSince = undefined;
    else behindSince ??= Date.now();
    return p;
  };
  return {
    inboxEntries: async () => {
      const p = await positions();
      return p.appended - p.projected;
    },
    projectionLagSeconds: async () => {
      await positions();
      return behindSince === undefined ? 0 : (Date.now() - behindSince) / 1000;
    },
  };
}
