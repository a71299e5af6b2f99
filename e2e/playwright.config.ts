import { defineConfig } from "@playwright/test";
import type { Mode } from "./support/fixtures.js";

// Debian's Chromium, found by path: Playwright downloads no browser here.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Chromium's headless User-Agent says HeadlessChrome, which the collector's bot rule (on by
// default, as isbot counts it a bot) would drop: the suite browses as the desktop Chrome it is.
// Set on the command line, it holds for every request, an unload beacon's and a persistent
// context's included (Playwright's per-context userAgent did not reach the pagehide scenario's beacon).
const userAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const args = [
  `--user-agent=${userAgent}`,
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "./specs",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: process.env.CI ? "line" : "list",
  // Playwright turns the back/forward cache off by default; the bfcache scenario needs it on.
  use: { launchOptions: { executablePath, args, ignoreDefaultArgs: ["--disable-back-forward-cache"] }, trace: "off" },
  // Every SDK spec runs once per delivery mode; the dashboard does not depend on it and runs once.
  projects: [
    { name: "script-tag", testIgnore: /dashboard\.spec/, use: { mode: "script" as Mode } },
    { name: "npm-import", testIgnore: /dashboard\.spec/, use: { mode: "npm" as Mode } },
    {
      name: "dashboard",
      testMatch: /dashboard\.spec/,
      use: { locale: "en-US", viewport: { width: 1400, height: 1000 } },
    },
  ],
});
