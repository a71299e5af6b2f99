// pnpm bench:ingest — the collector's ingest throughput over loopback, beside a bare Hono route
// that only parses the same bodies, driven by wrk in the same run. Not a test: it prints figures.
//
//   node packages/collector/bench/ingest.bench.mjs [--seconds 10] [--connections 32]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createAppspace, createSqliteStore } from "../dist/index.js";

const { values: flags } = parseArgs({ options: { seconds: { type: "string", default: "10" }, connections: { type: "string", default: "32" } } });
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CLI = here("../dist/cli.js");

ensureWrk();
const dir = mkdtempSync(join(tmpdir(), "tally-bench-"));
const dbFile = join(dir, "bench.db");
const setup = createSqliteStore({ file: dbFile });
const shop = await createAppspace(setup, { name: "Bench shop", currency: "EUR" });
await setup.close();

const nodeFlags = [...(process.env.PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/cprof"] : []), ...(process.env.NODE_FLAGS ? process.env.NODE_FLAGS.split(" ") : [])];
const collector = await start([...nodeFlags, "--max-old-space-size=128", CLI, "serve", "--db", dbFile, "--port", "0", "--no-demo"]);
const bare = await start([here("./bare-server.mjs")]);
const BATCH = "/v1/api/analytics/ecommerce/batch";
const TRACK = "/v1/api/analytics/ecommerce/track";

console.log(`Ingest over loopback: wrk, 1 thread, ${flags.connections} connections, ${flags.seconds} s a run; Node ${process.version}\n`);
wrk(collector.url, BATCH, 100, 2); // warm-up
const batched = wrk(collector.url, BATCH, 100);
const bareBatched = wrk(bare.url, BATCH, 100);
const single = wrk(collector.url, TRACK, 0);
const bareSingle = wrk(bare.url, TRACK, 0);
const rss = peakRssMb(collector.child.pid);

collector.child.kill("SIGTERM");
bare.child.kill("SIGTERM");
await new Promise((resolve) => collector.child.on("exit", resolve));
const verify = createSqliteStore({ file: dbFile });
const stored = (await verify.orderTotals((await verify.findAppspaceById(shop.id)).seq, { startMs: 0, endMs: Number.MAX_SAFE_INTEGER })).orders;
await verify.close();

const fmt = (n) => Math.round(n).toLocaleString("en");
const rows = [
  ["/batch, 100 events a request: events/s", fmt(batched.rps * 100), "≥ 100,000", batched.rps * 100 >= 100_000],
  ["  bare Hono route, same bodies: events/s", fmt(bareBatched.rps * 100), "", null],
  ["  collector / bare route", `${((batched.rps / bareBatched.rps) * 100).toFixed(0)} %`, "≥ 50 %", batched.rps / bareBatched.rps >= 0.5],
  ["/track, one event a request: requests/s", fmt(single.rps), "≥ 10,000", single.rps >= 10_000],
  ["  bare Hono route, same bodies: requests/s", fmt(bareSingle.rps), "", null],
  ["  collector / bare route", `${((single.rps / bareSingle.rps) * 100).toFixed(0)} %`, "≥ 50 %", single.rps / bareSingle.rps >= 0.5],
  ["/batch latency p50 / p99", `${batched.p50} / ${batched.p99}`, "", null],
  ["/track latency p50 / p99", `${single.p50} / ${single.p99}`, "", null],
  ["collector peak RSS", `${rss.toFixed(0)} MB`, "≤ 150 MB", rss <= 150],
];
console.log("| measure | measured | budget | |\n|---|---:|---|---|");
for (const [name, value, budget, ok] of rows) console.log(`| ${name.trim()} | ${value} | ${budget} | ${ok === null ? "" : ok ? "ok" : "**missed**"} |`);
console.log(`\n${fmt(stored)} orders stored; database ${(statSync(dbFile).size / 1e6).toFixed(0)} MB`);
rmSync(dir, { recursive: true, force: true });

function wrk(url, path, size, seconds = Number(flags.seconds)) {
  const out = execFileSync("wrk", ["-t1", `-c${flags.connections}`, `-d${seconds}s`, "--latency", "-s", here("./events.lua"), `${url}${path}`, "--", path, String(size), shop.publishable_key], { encoding: "utf8", timeout: (seconds + 30) * 1000 });
  if (/Non-2xx|Socket errors/.test(out)) throw new Error(`wrk ${path}: errors\n${out}`);
  const latency = (p) => out.match(new RegExp(`\\s${p}%\\s+(\\S+)`))?.[1];
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p50: latency(50), p99: latency(99) };
}

function start(args) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ child, url });
    });
  });
}

function peakRssMb(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)[1]) / 1024;
}

function ensureWrk() {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (error) {
    if (error.code !== "ENOENT" && error.status !== undefined) return; // wrk --version exits 1
    console.log("Installing wrk (Debian package) for the load…");
    execFileSync("bash", ["-c", "apt-get update -qq && apt-get install -y -qq wrk >/dev/null"], { stdio: "inherit" });
  }
}
