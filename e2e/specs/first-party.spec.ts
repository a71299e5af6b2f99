// First-party serving: `serve --script-path /js/site.js --collect-prefix /api/s` behind a reverse
// proxy on the shop's own origin (what the SDK README's nginx and Caddy lines do). The browser
// talks to that origin only, under names no blocker knows, and the order arrives.
import { startCollector } from "../support/collector.js";
import { expect, test, tracked } from "../support/fixtures.js";
import { startPages } from "../support/pages.js";
import { startProxy } from "../support/proxy.js";
import { expectExactly } from "../support/queries.js";

test("the script and the order go through the shop's own origin and paths", async ({ page, mode }) => {
  const collector = await startCollector(["--script-path", "/js/site.js", "--collect-prefix", "/api/s"]);
  let pagesUrl = "";
  const proxy = await startProxy({
    route: (path) => (path.startsWith("/js/site.js") || path.startsWith("/api/s/") ? collector.url : pagesUrl),
  });
  const key = collector.keys.publishable_key;
  const pages = await startPages({
    mode,
    key,
    endpoint: proxy.url,
    scriptSrc: "/js/site.js",
    batchUrl: `${proxy.url}/api/s/batch?key=${key}`,
  });
  pagesUrl = pages.url;
  try {
    const origins = new Set<string>();
    page.on("request", (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${proxy.url}/thanks?order=first-party-1&total=49.99&products=p-1234,p-4567`);
    await tracked(page);
    await expectExactly(collector, { orders: 1, revenue: 49.99, items: { "p-1234": 1, "p-4567": 1 } });
    expect([...origins]).toEqual([proxy.url]);
    expect(proxy.seen).toContainEqual(expect.stringMatching(/^POST \/api\/s\/batch\?key=pk_/));
    expect(proxy.seen.filter((line) => /\/v1\/|tally\.js/.test(line))).toEqual([]);
    if (mode === "script") expect(proxy.seen).toContain("GET /js/site.js");
  } finally {
    await pages.close();
    await proxy.close();
    await collector.stop();
  }
});
