import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { createAppspace, type CreatedAppspace } from "../appspaces/create-appspace.js";
import { listAppspaces } from "../appspaces/appspaces.queries.js";
import { watchRatesFile, DEFAULT_RATES_FILE } from "../currency/rates.js";
import { openDatabase } from "../db/open.js";
import { firstPartyProblem } from "../http/first-party-paths.js";
import { sdkBundleVersion } from "../http/sdk-bundle.routes.js";
import { parseFlags, port, UsageError } from "./args.js";

export const SERVE_USAGE = `Usage:
  tally-collector serve [--db FILE] [--port N] [--host H] [--rates FILE] [--country-header NAME]
                        [--script-path PATH] [--collect-prefix PATH]

  --db FILE              SQLite file, created when missing (default ./tally.db)
  --port N               port to listen on (default 8787)
  --host H               address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --rates FILE           exchange rates in Open Exchange Rates' latest.json shape; re-read when
                         it changes (default: the snapshot shipped with the collector)
  --country-header NAME  a header your proxy sets to the visitor's country (e.g. CF-IPCountry)
  --no-demo              do not create a demo appspace in an empty database
  --script-path PATH     serve the SDK at PATH as well (e.g. /js/site.js), sending to --collect-prefix
  --collect-prefix PATH  serve the ingest routes under PATH as well: PATH/batch, PATH/track,
                         PATH/conversion (put both under the shop's own domain: see the SDK README)

On an empty database it creates a "Demo shop" appspace and prints its keys (once).
SIGTERM or SIGINT finish the requests in flight, then close the database.`;

export function serveCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const flags = parseFlags(argv, {
    db: { type: "string", default: "./tally.db" },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    rates: { type: "string" },
    "country-header": { type: "string" },
    "no-demo": { type: "boolean" },
    "script-path": { type: "string" },
    "collect-prefix": { type: "string" },
  });
  if (flags.help) {
    out(SERVE_USAGE);
    return Promise.resolve();
  }
  let rates;
  try {
    rates = watchRatesFile((flags.rates as string | undefined) ?? DEFAULT_RATES_FILE);
  } catch (error) {
    throw new UsageError(`--rates: ${(error as Error).message}`);
  }
  const firstParty = { scriptPath: flags["script-path"] as string | undefined, collectPrefix: flags["collect-prefix"] as string | undefined };
  const pathProblem = firstPartyProblem(firstParty);
  if (pathProblem) throw new UsageError(pathProblem);
  const db = openDatabase(flags.db as string);
  const demo = !flags["no-demo"] && listAppspaces(db).length === 0
    ? createAppspace(db, { name: "Demo shop", currency: "USD" })
    : undefined;
  const app = createApp({ db, rates, countryHeader: flags["country-header"] as string | undefined, firstParty });
  const host = flags.host as string;

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: port(flags.port as string | undefined, 8787), hostname: host }, (info) => {
      const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${info.port}`;
      const about = demo ? demoBanner(url, demo, firstParty.scriptPath) : `Appspaces: ${listAppspaces(db).map((a) => `${a.name} (${a.id})`).join(", ")}`;
      // One write, so whoever waits for "listening on" sees the keys with it.
      out(`${about}\nTally collector listening on ${url}  (database ${flags.db})`);
    }) as Server;
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      out(`${signal}: finishing requests in flight…`);
      const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
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

/** The script tag to suggest: the versioned file, which browsers may cache for a year. */
function scriptTag(origin: string, key: string): string {
  const version = sdkBundleVersion();
  return `<script async src="${origin}/${version ? `tally.${version}.js` : "tally.js"}" data-key="${key}"></script>`;
}

function demoBanner(url: string, demo: CreatedAppspace, scriptPath?: string): string {
  const body = JSON.stringify({
    event_type: "purchase", transaction_id: "order_456", revenue: 49.99, currency: "USD", user_id: "user_123",
    items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 }],
  });
  return `
Created the demo appspace "${demo.name}" (${demo.currency}); its keys are shown only now:
  appspace id      ${demo.id}
  publishable key  ${demo.publishable_key}   (browsers: ingest only)
  secret key       ${demo.secret_key}   (queries: keep it private)

Put this on a shop page:
  ${scriptTag(url, demo.publishable_key)}

${scriptPath ? `Or, with ${scriptPath} behind the shop's own domain (see the SDK README):\n  <script async src="${scriptPath}" data-key="${demo.publishable_key}"></script>\n\n` : ""}Send a purchase:
  curl -s ${url}/v1/api/analytics/ecommerce/track -H 'Authorization: Bearer ${demo.publishable_key}' \\
    -H 'Content-Type: application/json' -d '${body}'
Read the numbers:
  curl -s ${url}/v1/api/analytics/ecommerce/overview -H 'Authorization: Bearer ${demo.secret_key}'
`;
}
