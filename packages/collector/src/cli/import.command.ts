import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CURRENCY_PATTERN } from "@tally/schema";
import { staticRates, readRatesFile } from "../currency/rates.js";
import type { CollectorAssets } from "../assets/collector-assets.js";
import type { FeedRecord } from "../sources/order-feed/feed-order.js";
import { readHelloRetailFeed } from "../sources/order-feed/helloretail-feed.js";
import { importFeed } from "../sources/order-feed/import-feed.js";
import { readJsonLines } from "../sources/order-feed/jsonl-feed.js";
import { readTallyCsv } from "../sources/order-feed/tally-csv-feed.js";
import { isTimeZone } from "../sources/order-feed/zoned-time.js";
import { openStoreFile } from "./store-file.js";
import {
  DEFAULT_FEED_MAX_BYTES,
  DEFAULT_FEED_TIMEOUT_MS,
  fetchFeed,
  type FetchFeedOptions,
} from "../sources/order-feed/fetch-feed.js";
import { shownUrl } from "../http/shown-url.js";
import { DEFAULT_DB, UsageError } from "./args.js";

export const IMPORT_USAGE = `Usage:
  tally-collector import [--db FILE] --appspace ID [--format helloretail|csv|jsonl] [--currency ISO]
                         [--timezone TZ] [--rates FILE] [--dry-run] [--timeout S] [--max-size MIB] SOURCE

  SOURCE             a file, or an http(s):// URL fetched as it is (a Hello Retail feed URL
                     with ?daysBack=N, for example)
  --format           helloretail (default): Hello Retail's order feed, JSON or CSV;
                     csv: Tally's order CSV, one row per line item, header
                       transaction_id,timestamp,revenue,currency,user_id,email,coupon_code,discount,
                       shipping,tax,item_id,item_name,item_category,item_brand,item_variant,price,quantity;
                     jsonl: one ingest-contract event per line
  --currency ISO     the orders' currency where the feed names none (default: the appspace's)
  --timezone TZ      the IANA zone of times without an offset (default UTC)
  --dry-run          check every record and print the summary, store nothing
  --timeout S        seconds a URL has to answer in full (default 120)
  --max-size MIB     largest feed read, in MiB (default 64)

A URL is fetched as it is: redirects only within its own origin, and only an answer of a feed's
content type (JSON, CSV, JSON lines, plain text).

Imported orders are server-side purchases: idempotent (a second run adds nothing), merged with
the browser's purchase of the same order id. Exit code 1 if any record was skipped, or if the
source holds something but no order.`;

export async function importCommand(
  argv: string[],
  out: (line: string) => void,
  assets: CollectorAssets,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: "string", default: DEFAULT_DB },
        appspace: { type: "string" },
        format: { type: "string", default: "helloretail" },
        currency: { type: "string" },
        timezone: { type: "string", default: "UTC" },
        rates: { type: "string" },
        "dry-run": { type: "boolean" },
        timeout: { type: "string" },
        "max-size": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: flags, positionals } = parsed;
  if (flags.help) {
    out(IMPORT_USAGE);
    return 0;
  }
  if (!flags.appspace) throw new UsageError("--appspace is required");
  if (positionals.length !== 1) throw new UsageError("import takes one SOURCE (a file or a URL)");
  if (!["helloretail", "csv", "jsonl"].includes(flags.format!))
    throw new UsageError(`--format must be helloretail, csv or jsonl, not "${flags.format}"`);
  const currency = flags.currency?.toUpperCase();
  if (currency !== undefined && !CURRENCY_PATTERN.test(currency))
    throw new UsageError(`--currency must be an ISO 4217 code such as EUR, not "${flags.currency}"`);
  if (!isTimeZone(flags.timezone!))
    throw new UsageError(`--timezone must be an IANA time zone such as Europe/Copenhagen, not "${flags.timezone}"`);
  let rates;
  try {
    rates = staticRates(flags.rates ? readRatesFile(flags.rates) : assets.ratesSnapshot());
  } catch (error) {
    throw new UsageError(`--rates: ${(error as Error).message}`);
  }

  const fetching = {
    timeoutMs: wholeOption(flags.timeout, "--timeout", DEFAULT_FEED_TIMEOUT_MS / 1000) * 1000,
    maxBytes: wholeOption(flags["max-size"], "--max-size", DEFAULT_FEED_MAX_BYTES / 1024 / 1024) * 1024 * 1024,
  };
  const content = await readSource(positionals[0]!, fetching);
  let records: FeedRecord[];
  try {
    const options = { currency, timeZone: flags.timezone! };
    records =
      flags.format === "jsonl"
        ? readJsonLines(content)
        : flags.format === "csv"
          ? readTallyCsv(content, options)
          : readHelloRetailFeed(content, options);
  } catch (error) {
    throw new ImportError(`${shownUrl(positionals[0]!)}: ${(error as Error).message}`);
  }
  if (records.length === 0 && content.trim() !== "") {
    throw new ImportError(`${shownUrl(positionals[0]!)}: no order in it; is it a ${flags.format} feed (--format)?`);
  }

  const store = await openStoreFile(flags.db!, { mustExist: true });
  try {
    const appspace = await store.findAppspaceById(flags.appspace);
    if (!appspace)
      throw new UsageError(`No appspace ${flags.appspace} in ${flags.db} (see: tally-collector appspace list)`);
    const progress = progressReporter(records.length);
    const summary = await importFeed(records, {
      store,
      appspace,
      rates,
      dryRun: flags["dry-run"],
      onProgress: progress,
    });
    progress.done();
    for (const s of summary.skipped) out(`skipped ${s.where}: ${s.reason}`);
    const verb = flags["dry-run"] ? "would import" : "imported";
    out(
      `${verb} ${summary.imported}, merged with the browser's ${summary.merged}, already present ${summary.present}, skipped ${summary.skipped.length}`,
    );
    return summary.skipped.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** A failure of the import itself (the source unreadable): one line, exit code 1. */
export class ImportError extends Error {
  override name = "ImportError";
}

function wholeOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!value.trim() || !Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a whole number above 0, not "${value}"`);
  return n;
}

async function readSource(source: string, fetching: FetchFeedOptions): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    try {
      return await fetchFeed(source, fetching);
    } catch (error) {
      throw new ImportError((error as Error).message);
    }
  }
  try {
    return readFileSync(source, "utf8");
  } catch (error) {
    throw new ImportError(
      `${source}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}

/** A bar on a terminal, a line every few seconds otherwise (both on stderr). */
function progressReporter(total: number) {
  const tty = process.stderr.isTTY;
  let last = 0;
  const report = (done: number) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(
        `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${pct}% ${done.toLocaleString("en")}/${total.toLocaleString("en")}`,
      );
    } else if (Date.now() - last > 3000 || done === total) {
      last = Date.now();
      process.stderr.write(`import: ${done.toLocaleString("en")}/${total.toLocaleString("en")} records (${pct}%)\n`);
    }
  };
  return Object.assign((done: number) => report(done), {
    done: () => {
      if (tty) process.stderr.write("\n");
    },
  });
}
