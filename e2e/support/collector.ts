import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../packages/collector/dist/cli.js", import.meta.url));

export interface Collector {
  url: string;
  port: number;
  keys: { id: string; publishable_key: string; secret_key: string };
  /** The SQLite file. */
  db: string;
  /** Stops the process (connections are then refused). */
  stop(): Promise<void>;
  /** Starts it again on the same port and database file. */
  start(): Promise<void>;
  /** GET a query endpoint with the secret key. */
  query<T = any>(path: string): Promise<T>;
}

/** A real collector process on a temp SQLite file, with one appspace; `args` go to `serve`. */
export async function startCollector(args: string[] = []): Promise<Collector> {
  const db = join(mkdtempSync(join(tmpdir(), "tally-e2e-")), "shop.db");
  const keys = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, "appspace", "create", "--db", db, "--name", "E2E shop", "--currency", "USD", "--json"],
      { encoding: "utf8" },
    ),
  );
  let child: ChildProcess | undefined;
  let port = 0;
  const start = async () => {
    child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", String(port), "--no-demo", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (chunk) => {
        out += chunk;
        const found = out.match(/listening on (http:\/\/\S+)/)?.[1];
        if (found) resolve(found);
      });
      child!.on("exit", (code) => reject(new Error(`collector exited ${code}: ${out}`)));
    });
    port = Number(new URL(url).port);
  };
  await start();
  const collector: Collector = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    keys,
    db,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    async query(path) {
      const res = await fetch(`${collector.url}/v1/api/analytics/ecommerce/${path}`, {
        headers: { authorization: `Bearer ${keys.secret_key}` },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
  return collector;
}
