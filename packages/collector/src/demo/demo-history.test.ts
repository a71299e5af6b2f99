import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { generateHistory, splitHistory } from "./demo-history.js";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("the demo history", { timeout: 30_000 }, () => {
  it("is the same for the same seed and clock, and spans the days asked for", () => {
    const now = Date.parse("2026-03-15T12:00:00Z");
    const events = generateHistory({ days: 30, now });
    expect(generateHistory({ days: 30, now })).toEqual(events);
    const times = events.map((e) => Date.parse(e.timestamp as string));
    expect(Math.max(...times)).toBeLessThan(now);
    expect(Math.min(...times)).toBeGreaterThan(now - 31 * 86_400_000);
    expect(new Set(events.map((e) => e.event_type))).toEqual(
      new Set(["view_item", "add_to_cart", "view_cart", "begin_checkout", "add_payment_info", "purchase", "refund"]),
    );
  });

  it("is reported by the browser only, the server only and both in the last week, by the server before", () => {
    const now = Date.parse("2026-03-15T12:00:00Z");
    const { browser, server } = splitHistory(generateHistory({ days: 30, now }), now);
    const orders = (list: Record<string, unknown>[]) =>
      new Set(list.filter((e) => e.event_type === "purchase").map((e) => e.transaction_id));
    const [b, s] = [orders(browser), orders(server)];
    expect([...b].some((o) => s.has(o)) && [...b].some((o) => !s.has(o)) && [...s].some((o) => !b.has(o))).toBe(true);
    expect(browser.every((e) => Date.parse(e.timestamp as string) > now - 7 * 86_400_000)).toBe(true);
  });

  it("fills the first run's demo shop, so the dashboard has numbers to show", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-demo-")), "demo.db");
    const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    const output = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += chunk;
        if (/listening on/.test(out)) resolve(out);
      });
      child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    expect(output).toMatch(/with \d+ generated events over the last 60 days/);
    const url = output.match(/listening on (http:\/\/\S+)/)![1];
    const secret = output.match(/secret key\s+(sk_\S+)/)![1];
    const overview = (await (
      await fetch(`${url}/v1/api/analytics/ecommerce/overview?days=365`, {
        headers: { authorization: `Bearer ${secret}` },
      })
    ).json()) as { total_orders: number; total_revenue: number };
    expect(overview.total_orders).toBeGreaterThan(10);
    expect(overview.total_revenue).toBeGreaterThan(0);
    const coverage = (await (
      await fetch(`${url}/v1/api/analytics/ecommerce/coverage?days=7`, {
        headers: { authorization: `Bearer ${secret}` },
      })
    ).json()) as { orders: Record<string, number> };
    expect(Object.values(coverage.orders).every((n) => n > 0)).toBe(true);
    expect(output).toContain(`${url}/dashboard`);
  });
});
