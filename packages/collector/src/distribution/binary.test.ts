// The single executable (`pnpm build:binary`, which `pnpm test` runs first), copied alone into
// an empty directory and run with a PATH that has no node: serve with its demo, a purchase and
// the overview, the dashboard and the script, appspace create, backup — and the native addon it
// unpacks into its cache, named by its hash and written again when damaged.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliAsync, startServe, type Command, type Serving } from "../cli/run-cli.test-support.js";

const BUILT = fileURLToPath(
  new URL(`../../../../dist/tally-collector-${process.platform}-${process.arch}`, import.meta.url),
);

const dir = mkdtempSync(join(tmpdir(), "tally-binary-"));
const home = join(dir, "home");
const work = join(dir, "shop");
const emptyBin = join(dir, "bin");
const exe = join(dir, "tally-collector");
const binary: Command = { file: exe, args: [] };
// Only what any machine has: no node on the PATH, no XDG_CACHE_HOME, no TALLY_DB.
const env = { PATH: emptyBin, HOME: home };
const options = { cwd: work, env };
let serving: Serving;

beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is not built: run \`pnpm build:binary\``);
  for (const d of [home, work, emptyBin]) mkdirSync(d);
  copyFileSync(BUILT, exe);
  serving = await startServe(["--port", "0"], options, binary);
}, 120_000);
afterAll(async () => {
  await serving?.stop();
  // The copy is as large as Node itself.
  rmSync(dir, { recursive: true, force: true });
});

const secretKey = () => serving.output().match(/secret key +(sk_\S+)/)![1]!;
const get = (path: string, key?: string) =>
  fetch(`${serving.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe("the single executable", () => {
  it("runs on a machine without node", () => {
    expect(
      runCli(
        ["--version"],
        { env: { PATH: emptyBin } },
        { file: "/bin/sh", args: ["-c", "command -v node || echo none"] },
      ).stdout.trim(),
    ).toBe("none");
    const ran = runCli(["--version"], options, binary);
    expect(ran.stdout.trim()).toMatch(/^tally-collector \d+\.\d+\.\d+$/);
  });

  it("serves in an empty directory as `pnpm start` does: the demo appspace, its keys, the dashboard", async () => {
    expect(serving.output()).toMatch(
      /Created the demo appspace "Demo shop" \(USD\) with \d+ generated events over the last 60 days/,
    );
    expect(serving.output()).toMatch(
      /<script async src="http:\/\/127\.0\.0\.1:\d+\/tally\.[0-9a-f]{12}\.js" data-key="pk_/,
    );
    expect(serving.output()).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/dashboard/);
    expect(readdirSync(work).sort()).toEqual(expect.arrayContaining(["tally.db", "tally.db-inbox"]));
    const page = await get("/dashboard");
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = html.match(/src="(\/dashboard\/assets\/[^"]+\.js)"/)![1]!;
    expect((await get(script)).status).toBe(200);
    const sdk = await get("/tally.js");
    expect(sdk.status).toBe(200);
    expect(await sdk.text()).toContain("/v1/api/analytics/ecommerce/batch");
  });

  it("takes a purchase with the secret key and answers the overview", async () => {
    const before = (await (await get("/v1/api/analytics/ecommerce/overview", secretKey())).json()) as {
      total_orders: number;
    };
    const body = {
      event_type: "purchase",
      transaction_id: "binary-order-1",
      revenue: 49.98,
      currency: "USD",
      items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 }],
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${serving.url}/v1/api/analytics/ecommerce/track`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secretKey()}` },
        body: JSON.stringify(body),
      });
      expect(await res.json()).toEqual({ ok: true });
    }
    const after = (await (await get("/v1/api/analytics/ecommerce/overview", secretKey())).json()) as {
      total_orders: number;
    };
    expect(after.total_orders).toBe(before.total_orders + 1);
  });

  it("creates an appspace, backs up the serving database, and serves the copy with the same answers", async () => {
    const created = runCli(
      ["appspace", "create", "--name", "Second shop", "--currency", "EUR", "--json"],
      options,
      binary,
    );
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: "Second shop", currency: "EUR" });
    const overview = await (await get("/v1/api/analytics/ecommerce/overview", secretKey())).json();
    const backup = await runCliAsync(["backup", "--to", "copy.db"], options, binary);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \.\/tally\.db and its inbox to copy\.db and copy\.db-inbox/);
    const copy = await startServe(["--db", "copy.db", "--port", "0"], options, binary);
    try {
      expect(copy.output()).toMatch(/Appspaces: Demo shop \(.+\), Second shop \(.+\)/);
      const res = await fetch(`${copy.url}/v1/api/analytics/ecommerce/overview`, {
        headers: { authorization: `Bearer ${secretKey()}` },
      });
      expect(await res.json()).toEqual(overview);
    } finally {
      await copy.stop();
    }
  }, 60_000);

  it("runs every other subcommand: key, webhook, appspace show and update, import, migrate", () => {
    const ok = (args: string[]) => {
      const ran = runCli(args, options, binary);
      expect(ran.status, `${args.join(" ")}: ${ran.stderr}`).toBe(0);
      return ran.stdout;
    };
    const id = serving.output().match(/appspace id +(\S+)/)![1]!;
    expect(JSON.parse(ok(["key", "create", "--appspace", id, "--kind", "secret", "--json"])).key).toMatch(/^sk_/);
    expect(ok(["key", "list", "--appspace", id])).toContain("secret");
    const hook = JSON.parse(
      ok(["webhook", "add", "--appspace", id, "--url", "https://shop.example/hooks", "--events", "purchase", "--json"]),
    );
    expect(ok(["webhook", "list", "--appspace", id])).toContain("https://shop.example/hooks");
    ok(["webhook", "remove", "--id", hook.id]);
    expect(JSON.parse(ok(["appspace", "update", "--id", id, "--quota", "1000000", "--json"]))).toMatchObject({
      quota: 1000000,
    });
    expect(ok(["appspace", "show", "--id", id])).toContain("Demo shop");
    writeFileSync(
      join(work, "orders.jsonl"),
      `${JSON.stringify({ event_type: "purchase", transaction_id: "imported-1", revenue: 12.5, currency: "USD", timestamp: new Date().toISOString() })}\n`,
    );
    expect(ok(["import", "--appspace", id, "--format", "jsonl", "orders.jsonl"])).toMatch(/imported 1/);
    expect(ok(["migrate", "--help"])).toContain("tally-collector migrate --from FILE --to postgres://");
    expect(ok(["backup", "--help"])).toContain("tally-collector backup [--db FILE] --to COPY");
  }, 60_000);

  it("unpacks its SQLite addon into ~/.cache/tally named by its hash, and writes it again when damaged", () => {
    const cache = join(home, ".cache", "tally");
    const [addon] = readdirSync(cache).filter((name) => name.endsWith(".node"));
    expect(addon).toMatch(/^better_sqlite3-[0-9a-f]{16}\.node$/);
    writeFileSync(join(cache, addon!), "damaged");
    const ran = runCli(["appspace", "list"], options, binary);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("Second shop");
    expect(readdirSync(cache).filter((name) => name.endsWith(".node"))).toEqual([addon]);
    const xdg = join(dir, "xdg");
    expect(runCli(["appspace", "list"], { cwd: work, env: { ...env, XDG_CACHE_HOME: xdg } }, binary).status).toBe(0);
    expect(readdirSync(join(xdg, "tally"))).toEqual([addon]);
    // An unusable cache directory is passed over for the next one.
    const notADirectory = join(dir, "not-a-directory");
    writeFileSync(notADirectory, "");
    expect(
      runCli(["appspace", "list"], { cwd: work, env: { ...env, XDG_CACHE_HOME: notADirectory } }, binary).status,
    ).toBe(0);
  });
});
