import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** A browser's User-Agent, for requests that stand for a shopper's browser. */
export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

export interface Collector {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
}

/** Runs the CLI to its end; its stdout, or throws with what it printed. */
export function cli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts `tally-collector serve` on a free port (without the demo appspace unless `demo`) and resolves once it listens. */
export function serve(db: string, { demo = false, args = [] }: { demo?: boolean; args?: string[] } = {}): Promise<Collector> {
  const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", ...(demo ? [] : ["--no-demo"]), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ url, child, output: () => output });
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.on("exit", (code, signal) => reject(new Error(`serve exited (${code ?? signal}): ${output}`)));
  });
}

/** POSTs a batch; the response's status and body. */
export async function postBatch(url: string, key: string, events: unknown[], userAgent = BROWSER_UA) {
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
