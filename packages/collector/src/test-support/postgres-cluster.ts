import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A private PostgreSQL cluster in a temporary directory, for tests and benchmarks. */
export interface Cluster {
  /** The cluster's `postgres` database, as user `tally` (password `tally`). */
  url: string;
  /** The URL of another database on the cluster (not created). */
  urlOf(database: string): string;
  port: number;
  dir: string;
  /** Stops the server (fast shutdown); `start` brings it back on the same port. */
  stop(): void;
  start(): void;
  /** Stops it and removes its directory. */
  remove(): void;
}

/** The directory of PostgreSQL's server programs (Debian's `postgresql` package), if installed. */
export function findPostgresBin(): string | undefined {
  if (process.env.TALLY_PG_BIN) return process.env.TALLY_PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a cluster on a free port (initdb + pg_ctl; no system service). As root,
 * the server runs as the `postgres` user, which refuses to run as root. Durability settings
 * are off: it is thrown away after.
 */
export async function startCluster(bin = findPostgresBin()): Promise<Cluster> {
  if (!bin)
    throw new Error(
      "PostgreSQL's server programs were not found (install Debian's postgresql package, or set TALLY_PG_BIN)",
    );
  const dir = mkdtempSync(join(tmpdir(), "tally-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]]
      : [join(bin, program), args];
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  // Passwords over TCP, as a real server asks for them (a wrong one must be refused).
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, "tally\n", { mode: 0o644 });
  run("initdb", [
    "-D",
    data,
    "-U",
    "tally",
    "--pwfile",
    pwfile,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-o", options, "-w", "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  const urlOf = (database: string) => `postgres://tally:tally@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf("postgres"),
    urlOf,
    port,
    dir,
    start,
    stop,
    remove() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
