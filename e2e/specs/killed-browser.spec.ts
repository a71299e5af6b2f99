// The browser process killed right after the push (no pagehide, no unload beacon): the order is
// in the profile's IndexedDB, and a later visit in a new browser on the same profile delivers it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, tracked } from "../support/fixtures.js";
import { expectExactly } from "../support/queries.js";

/** The pid of the browser process (not its renderers) started with this profile directory. */
function browserPid(profile: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // the process ended while we looked
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith("--type="))) return Number(entry);
  }
  throw new Error(`no browser process with profile ${profile}`);
}

test("the browser killed right after the push: a later visit with the same profile delivers the order from IndexedDB", async ({
  playwright,
  launchOptions,
  pages,
  collector,
}) => {
  const profile = mkdtempSync(join(tmpdir(), "tally-profile-"));
  try {
    const first = await playwright.chromium.launchPersistentContext(profile, launchOptions);
    const page = first.pages()[0] ?? (await first.newPage());
    await page.goto(`${pages.url}/visit`); // the script is in the cache, the SDK's database made
    await page.waitForFunction(() => (window as any).tally);
    await page.evaluate(() => (window as any).tally.flush()); // this page's own start is over
    await collector.stop(); // nothing can leave this browser before it dies
    await page.goto(`${pages.url}/thanks?order=killed-1&total=49.99&products=p-1234,p-4567`);
    await tracked(page); // the callback ran: the order is in the outbox
    process.kill(browserPid(profile), "SIGKILL");
    await first.close().catch(() => {}); // already gone
    await collector.start();
    expect((await collector.query("overview")).total_orders).toBe(0);

    const later = await playwright.chromium.launchPersistentContext(profile, launchOptions);
    try {
      const visit = later.pages()[0] ?? (await later.newPage());
      await visit.goto(`${pages.url}/visit`);
      // Up to the 10 s lease of a send the killed page may have had in flight, then the send.
      await expectExactly(
        collector,
        { orders: 1, revenue: 49.99, items: { "p-1234": 1, "p-4567": 1 } },
        { timeout: 40_000 },
      );
    } finally {
      await later.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
