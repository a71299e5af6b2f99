import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

const CLI = fileURLToPath(new URL("../../../collector/dist/cli.js", import.meta.url));

export interface Collector {
  url: string;
  keys: { id: string; publishable_key: string; secret_key: string };
  /** Stops the process: connections are then refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database file. */
  start(): Promise<void>;
  /** GET a query endpoint with the secret key. */
  query<T = any>(path: string): Promise<T>;
  /** POST events as a browser does: the publishable key, `/batch`. */
  browserSend(events: object[]): Promise<unknown>;
  /** Stops it and removes its database. */
  dispose(): Promise<void>;
}

/** A real collector process (the built CLI) on a temp SQLite file, with one USD appspace. */
export async function startCollector(): Promise<Collector> {
  if (!existsSync(CLI)) throw new Error("Build the collector first: pnpm --filter @tally/collector build");
  const dir = mkdtempSync(join(tmpdir(), "tally-node-"));
  const db = join(dir, "x.db");
  const keys = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, "appspace", "create", "--db", db, "--name", "Node shop", "--currency", "USD", "--json"],
      { encoding: "utf8" },
    ),
  );
  let child: ChildProcess | undefined;
  let port = 0;
  const start = async () => {
    const proc = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", String(port), "--no-demo"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child = proc;
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      proc.stdout!.on("data", (chunk) => {
        out += chunk;
        const found = out.match(/listening on (http:\/\/\S+)/)?.[1];
        if (found) resolve(found);
      });
      proc.on("exit", (code) => reject(new Error(`collector exited ${code}: ${out}`)));
    });
    port = Number(new URL(url).port);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  await start();
  const collector: Collector = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    keys,
    start,
    stop,
    async query(path) {
      const res = await fetch(`${collector.url}/v1/api/analytics/ecommerce/${path}`, {
        headers: { authorization: `Bearer ${keys.secret_key}` },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as never;
    },
    async browserSend(events) {
      const res = await fetch(`${collector.url}/v1/api/analytics/ecommerce/batch`, {
        method: "POST",
        // A desktop Chrome's User-Agent: Node's own is a bot to the collector, which drops bots' publishable-key events.
        headers: {
          authorization: `Bearer ${keys.publishable_key}`,
          "content-type": "application/json",
          "user-agent": BROWSER_USER_AGENT,
        },
        body: JSON.stringify({ events }),
      });
      if (!res.ok) throw new Error(`browser batch: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return collector;
}
