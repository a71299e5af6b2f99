import { createApp } from "../app.js";
import { createAppspace } from "../appspaces/create-appspace.js";
import { hasCurrency } from "../currency/rates.js";
import { createWorkerProjector } from "../projector/worker-projector.js";
import type { Store } from "../store.js";
import { CliError, DEFAULT_DB, parseFlags, port } from "./args.js";
import { checkStoreFile, openStoreFile } from "./store-file.js";
import { listen } from "./listen.js";
import { openRates, ratesFileOf } from "./rates-option.js";
import { demoBanner, knownAppspacesBanner } from "./serve-banner.js";

export const SERVE_USAGE = `Usage:
  tally-collector serve [--db FILE] [--port N] [--host H] [--rates FILE] [--country-header NAME] [--no-demo]

  --db FILE              SQLite file, created when missing (default ${DEFAULT_DB})
  --port N               port to listen on (default 8787)
  --host H               address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --rates FILE           exchange rates in Open Exchange Rates' latest.json shape; re-read when
                         it changes (default: the snapshot shipped with the collector)
  --country-header NAME  a header your proxy sets to the visitor's country (e.g. CF-IPCountry)
  --no-demo              do not create a demo appspace in an empty database

On an empty database it creates a "Demo shop" appspace and prints its keys once it listens.
SIGTERM or SIGINT finish the requests in flight, then close the database.`;

type Out = (line: string) => void;

/** `serve`: checks everything that can fail, listens, and only then creates the database. */
export async function serveCommand(argv: string[], out: Out, log: Out): Promise<void> {
  const flags = parseFlags(argv, {
    db: { type: "string", default: DEFAULT_DB },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    rates: { type: "string" },
    "country-header": { type: "string" },
    "no-demo": { type: "boolean" },
  });
  if (flags.help) return out(SERVE_USAGE);
  const file = flags.db as string;
  const host = flags.host as string;
  const wanted = port(flags.port as string | undefined, 8787);
  const ratesFile = ratesFileOf(flags.rates);
  const rates = openRates(ratesFile, (message) => log(`${new Date().toISOString()} ${message}`));
  checkStoreFile(file);

  let app: ReturnType<typeof createApp> | undefined;
  const { server, port: bound } = await listen(host, wanted, () => app?.fetch);
  let store: Store;
  try {
    store = openStoreFile(file);
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
      `appspace "${unconvertible.name}" (${unconvertible.id}) counts in ${unconvertible.currency}, but rates file ${ratesFile} has no rate for it: pass --rates FILE with a rate for ${unconvertible.currency}`,
    );
  }
  const demo = !flags["no-demo"] && appspaces.length === 0 ? await createAppspace(store, { name: "Demo shop", currency: "USD" }) : undefined;
  // Projection on a worker thread: the second core derives while this one acknowledges.
  // (A `:memory:` database exists only on this thread's connection.)
  const projector = file === ":memory:" ? undefined : createWorkerProjector({ store, db: file });
  const served = createApp({ store, projector, rates, countryHeader: flags["country-header"] as string | undefined });
  app = served;
  // Look at the rates file even while no request needs it, so a broken file is reported at once.
  const ratesCheck = setInterval(() => rates.get(), 5_000).unref();

  const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host}:${bound}`;
  const about = demo ? demoBanner(url, demo, file) : knownAppspacesBanner(await store.listAppspaces(), file);
  // One write, so whoever waits for "listening on" sees the keys with it.
  out(`${about}\nTally collector listening on ${url}  (database ${file})`);

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(ratesCheck);
      out(`${signal}: finishing requests in flight…`);
      const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
      server.close(async () => {
        clearTimeout(force);
        await served.projector.stop();
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
