import { runCli, startServe, type Serving } from "../cli/run-cli.test-support.js";
import { BROWSER_USER_AGENT } from "./browser.js";

export type Collector = Serving;

/** Runs the CLI to its end; its stdout, or throws an error carrying its `status` and `stderr`. */
export function cli(args: string[]): string {
  const ran = runCli(args);
  if (ran.status !== 0)
    throw Object.assign(new Error(`tally-collector ${args[0]} exited ${ran.status}: ${ran.stderr}`), ran);
  return ran.stdout;
}

/** An appspace made with `tally-collector appspace create --json`, in USD: its id and keys. */
export function createShop(db: string, name: string): { id: string; publishable_key: string; secret_key: string } {
  return JSON.parse(cli(["appspace", "create", "--db", db, "--name", name, "--currency", "USD", "--json"]));
}

/** Starts `tally-collector serve` on a free port (without the demo appspace unless `demo`). */
export function serve(
  db: string,
  { demo = false, args = [] }: { demo?: boolean; args?: string[] } = {},
): Promise<Collector> {
  // These suites play many shoppers' browsers from one address: the per-address limit (tested
  // in limits/) would count them all as one.
  return startServe(["--db", db, "--port", "0", ...(demo ? [] : ["--no-demo"]), "--limit-address", "off", ...args]);
}

/** POSTs a batch as a shop's browser would; the response's status, headers and body. */
export async function postBatch(url: string, key: string, events: unknown[], userAgent = BROWSER_USER_AGENT) {
  const res = await fetch(`${url}/v1/api/analytics/ecommerce/batch`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "user-agent": userAgent },
    body: JSON.stringify({ events }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** GETs a query endpoint with the secret key. */
export async function query(url: string, key: string, path: string) {
  const res = await fetch(`${url}/v1/api/analytics/ecommerce/${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
