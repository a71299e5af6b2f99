import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { serve as serveCollector } from "./test-support/collector-process.js";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RATES_FILE, readRatesFile } from "./currency/rates.js";
import { seedPurchase } from "./test-support/harness.js";
import { BROWSER_USER_AGENT } from "./test-support/browser.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const run = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Starts `serve` with its demo appspace on a free port and resolves with its URL once it listens. */
async function serve(db: string) {
  const started = await serveCollector(db, { demo: true });
  children.push(started.child);
  return started;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

// Each test starts real processes: give them time on a loaded machine.
describe("tally-collector CLI", { timeout: 30_000 }, () => {
  it("is built, and the package's bin (there before any build, so an install can link it) runs it", () => {
    expect(existsSync(CLI)).toBe(true);
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"));
    const bin = fileURLToPath(new URL(`../${pkg.bin["tally-collector"]}`, import.meta.url));
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" })).toBe(`tally-collector ${pkg.version}\n`);
    expect(run("--help")).toContain("tally-collector serve");
    for (const cmd of [
      ["serve", "--help"],
      ["appspace", "create", "--help"],
      ["key", "--help"],
    ]) {
      expect(run(...cmd)).toMatch(/Usage:/);
    }
  });

  it("exits 2 with the usage on a wrong call", () => {
    expect(() =>
      execFileSync(process.execPath, [CLI, "appspace", "create", "--db", ":memory:"], { stdio: "pipe" }),
    ).toThrow(/--name is required/);
    expect(() => execFileSync(process.execPath, [CLI, "serve", "--bogus"], { stdio: "pipe" })).toThrow(/bogus/);
  });

  it("creates an appspace, serves it over a real socket, and keeps everything across a restart", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-cli-")), "shop.db");
    const created = JSON.parse(run("appspace", "create", "--db", db, "--name", "Shop", "--currency", "EUR", "--json"));
    expect(Object.keys(created)).toEqual(["id", "name", "currency", "website_id", "publishable_key", "secret_key"]);
    expect(created).toMatchObject({
      name: "Shop",
      currency: "EUR",
      publishable_key: expect.stringMatching(/^pk_/),
      secret_key: expect.stringMatching(/^sk_/),
    });

    const send = (url: string) =>
      fetch(`${url}/v1/api/analytics/ecommerce/track`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${created.publishable_key}`,
          "content-type": "application/json",
          "user-agent": BROWSER_USER_AGENT,
        },
        body: JSON.stringify(seedPurchase()),
      }).then((r) => r.json());

    const first = await serve(db);
    expect(first.output()).not.toContain("Demo shop");
    expect(await send(first.url)).toEqual({ ok: true });
    expect(await send(first.url)).toEqual({ ok: true });
    const bundle = await fetch(`${first.url}/tally.js`);
    expect(bundle.headers.get("cache-control")).toContain("max-age=3600");
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain("Database closed");

    const second = await serve(db);
    expect(await send(second.url)).toEqual({ ok: true });
    expect(await stop(second.child)).toBe(0);

    const file = new Database(db, { readonly: true });
    // 49.99 USD in the EUR base at the shipped snapshot's rate.
    const { rates } = readRatesFile(DEFAULT_RATES_FILE);
    expect(file.prepare("SELECT count(*) AS n, sum(revenue_base) AS base FROM events").get()).toEqual({
      n: 1,
      base: Math.round((4999 * rates.EUR!) / rates.USD!),
    });
    file.close();
  });

  it("creates a demo appspace on an empty database and prints its keys once", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-cli-")), "demo.db");
    const first = await serve(db);
    expect(first.output()).toMatch(/publishable key\s+pk_/);
    expect(first.output()).toMatch(/secret key\s+sk_/);
    expect(first.output()).toMatch(new RegExp(`<script async src="${first.url}/tally\\.[0-9a-f]{12}\\.js"`));
    await stop(first.child);
    const second = await serve(db);
    expect(second.output()).not.toMatch(/pk_/);
    await stop(second.child);
  });

  it("creates, lists and revokes keys", () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-cli-")), "keys.db");
    const { id } = JSON.parse(run("appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"));
    const key = run("key", "create", "--db", db, "--appspace", id, "--kind", "secret").trim();
    expect(key).toMatch(/^sk_/);
    const listed = JSON.parse(run("key", "list", "--db", db, "--appspace", id, "--json"));
    expect(listed).toHaveLength(3);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(run("key", "revoke", "--db", db, "--key", key)).toContain("revoked");
    const after = JSON.parse(run("key", "list", "--db", db, "--appspace", id, "--json"));
    expect(after.filter((k: { revoked_at: number | null }) => k.revoked_at !== null)).toHaveLength(1);
  });
});
