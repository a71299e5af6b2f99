// pnpm bench:dashboard — time from navigation to a painted overview (and to every panel) in
// Debian's Chromium, against a real collector holding --events events (default 1,000,000) of the
// query benchmark's generated year. Not a test: it prints figures.
//
//   node e2e/bench/dashboard-paint.bench.mjs [--events 1000000] [--runs 7]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { events as shopTraffic, random } from "../../packages/collector/bench/shop-traffic.mjs";

const { values: flags } = parseArgs({
  options: { events: { type: "string", default: "1000000" }, runs: { type: "string", default: "7" } },
});
const EVENTS = Number(flags.events);
const CLI = fileURLToPath(new URL("../../packages/collector/dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-paint-"));
const db = join(dir, "shop.db");
const keys = JSON.parse(
  execFileSync(
    process.execPath,
    [CLI, "appspace", "create", "--db", db, "--name", "Paint", "--currency", "USD", "--json"],
    { encoding: "utf8" },
  ),
);
const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", "--no-demo"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve) => {
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const found = out.match(/listening on (http:\/\/\S+)/)?.[1];
    if (found) resolve(found);
  });
});

// The query benchmark's year of shop traffic (about 25 events a visitor), ending yesterday; sent
// as the shop's server would (secret key, back-dated).
const events = [...shopTraffic(EVENTS, random(42), Date.now() - 86_400_000)].map((e) => ({
  ...e,
  timestamp: new Date(e.timestamp).toISOString(),
}));
const started = performance.now();
let next = 0;
const send = async () => {
  while (next < events.length) {
    const batch = events.slice(next, (next += 100));
    for (;;) {
      const res = await fetch(`${url}/v1/api/analytics/ecommerce/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${keys.secret_key}` },
        body: JSON.stringify({ events: batch }),
      });
      await res.text();
      if (res.status !== 503) break;
      await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get("retry-after") ?? 1) * 1000));
    }
  }
};
await Promise.all(Array.from({ length: 8 }, send));
for (;;) {
  const { backlog_events } = await (await fetch(`${url}/healthz/projection`)).json();
  if (backlog_events === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.log(
  `${events.length.toLocaleString("en")} events stored and projected in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const context = await browser.newContext();
await context.addInitScript((key) => sessionStorage.setItem("tally.secretKey", key), keys.secret_key);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| range | overview painted, p50 ms | every panel ready, p50 ms |\n|---|---:|---:|");
for (const range of ["days=30", "days=365"]) {
  const overview = [];
  const all = [];
  for (let run = 0; run < Number(flags.runs); run++) {
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${url}/dashboard?${range}`);
    await page.locator('section[data-panel="overview"][data-state="ready"]').waitFor({ timeout: 60_000 });
    overview.push(performance.now() - t0);
    await page.waitForFunction(
      () => [...document.querySelectorAll("section.panel")].every((s) => s.getAttribute("data-state") !== "loading"),
      null,
      { timeout: 60_000 },
    );
    all.push(performance.now() - t0);
    await page.close();
  }
  console.log(`| ${range} | ${median(overview).toFixed(0)} | ${median(all).toFixed(0)} |`);
}
await browser.close();
child.kill("SIGTERM");
await new Promise((resolve) => child.on("exit", resolve));
rmSync(dir, { recursive: true, force: true });
