import { execSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startServe, type Serving } from "./run-cli.test-support.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";

const started: Serving[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

async function until(check: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("what serve and appspace list tell an operator", { timeout: 40_000 }, () => {
  it("the first start's own example purchase, sent as printed with curl, shows up in the numbers", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-serve-out-")), "shop.db");
    const serving = await startServe(["--db", db, "--port", "0"]);
    started.push(serving);
    const banner = serving.output();
    const command = banner.match(/Send a purchase[^\n]*\n[^\n]*\n\s+(curl -s [^\n]+\\\n\s+[^\n]+)/)?.[1];
    expect(command, banner).toBeDefined();
    expect(execSync(command!.replace(/\\\n\s+/, " "), { encoding: "utf8" })).toBe('{"ok":true}');
    const secret = banner.match(/secret key\s+(sk_\S+)/)![1]!;
    const journey = await (
      await fetch(`${serving.url}/v1/api/analytics/ecommerce/user-journey?user_id=user_123`, {
        headers: { authorization: `Bearer ${secret}` },
      })
    ).json();
    expect(journey.events).toContainEqual(
      expect.objectContaining({ event_type: "purchase", transaction_id: "order_456", revenue: 49.98 }),
    );
  });

  it("a later start names the appspaces and how to make a key; appspace list shows key hints", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-serve-out-")), "shop.db");
    const created = JSON.parse(
      runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "EUR", "--json"]).stdout,
    );
    const serving = await startServe(["--db", db, "--port", "0"]);
    started.push(serving);
    expect(serving.output()).toContain(`Appspaces: Shop (${created.id})`);
    expect(serving.output()).toContain(
      `tally-collector key create --db ${db} --appspace ${created.id} --kind publishable|secret`,
    );
    expect(serving.output()).not.toMatch(/[ps]k_[A-Za-z0-9_-]{20,}/);

    const listed = runCli(["appspace", "list", "--db", db]).stdout;
    const hint = (key: string) => `${key.slice(0, 7)}…${key.slice(-4)}`;
    expect(listed).toContain(
      `${created.id}  EUR  365d  Shop\n    keys: publishable ${hint(created.publishable_key)}, secret ${hint(created.secret_key)}`,
    );
    const json = JSON.parse(runCli(["appspace", "list", "--db", db, "--json"]).stdout);
    expect(json[0].keys.map((k: { kind: string }) => k.kind)).toEqual(["publishable", "secret"]);
  });

  it("logs a live rates file that breaks and its repair, and converts at the last good rates meanwhile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-serve-rates-"));
    const rates = join(dir, "rates.json");
    writeFileSync(rates, JSON.stringify({ base: "USD", timestamp: 1_700_000_000, rates: { USD: 1, EUR: 0.5 } }));
    const db = join(dir, "shop.db");
    const shop = JSON.parse(
      runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--rates", rates, "--json"])
        .stdout,
    );
    const serving = await startServe(["--db", db, "--port", "0", "--rates", rates]);
    started.push(serving);

    writeFileSync(rates, '{ "base": "USD", "rates": { "EUR": 0.4 ');
    await until(() => serving.stderr().includes("not valid JSON"));
    expect(serving.stderr()).toMatch(
      /rates: rates file .*rates\.json is not valid JSON \(.+\); still using the last good rates \(of 2023-11-14T22:13:20\.000Z\)/,
    );
    const sent = await fetch(`${serving.url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${shop.publishable_key}`,
        "content-type": "application/json",
        "user-agent": BROWSER_USER_AGENT,
      },
      body: JSON.stringify({ event_type: "purchase", transaction_id: "o-1", revenue: 10, currency: "EUR" }),
    });
    expect(await sent.json()).toEqual({ ok: true });
    const overview = await fetch(`${serving.url}/v1/api/analytics/ecommerce/overview`, {
      headers: { authorization: `Bearer ${shop.secret_key}` },
    });
    expect(((await overview.json()) as { total_revenue: number }).total_revenue).toBe(20); // 10 EUR at 0.5 EUR per USD

    writeFileSync(rates, JSON.stringify({ base: "USD", timestamp: 1_700_003_600, rates: { USD: 1, EUR: 0.4 } }));
    await until(() => serving.stderr().includes("good again"));
    expect(serving.stderr()).toMatch(
      /rates: .*rates\.json is good again; now using its rates of 2023-11-14T23:13:20\.000Z/,
    );
    expect(serving.stderr().trim().split("\n")).toHaveLength(2);
  });
});
