// The packages as someone outside this repository gets them: `pnpm pack` each, install the
// tarballs with plain npm into a new project in a temporary directory (no workspace), then
// import the SDK (ESM and its types) and @tally/node, and run the collector's bin with npx.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type Command, type Serving } from "../cli/run-cli.test-support.js";

const PACKAGES = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tally-packages-"));
const tarballs = join(dir, "tarballs");
const shop = join(dir, "shop");
const npx: Command = { file: "npx", args: ["--no-install", "tally-collector"] };

function run(file: string, args: string[], options: SpawnSyncOptions = {}) {
  const ran = spawnSync(file, args, { cwd: shop, encoding: "utf8", timeout: 120_000, ...options });
  if (ran.status !== 0) throw new Error(`${file} ${args.join(" ")} exited ${ran.status}: ${ran.stdout}${ran.stderr}`);
  return String(ran.stdout);
}

/** The project's package.json, as npm left it. */
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(shop, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

beforeAll(() => {
  mkdirSync(tarballs);
  mkdirSync(shop);
  for (const name of ["schema", "sdk", "node", "collector"])
    run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(PACKAGES, name) });
  writeFileSync(join(shop, "package.json"), JSON.stringify({ name: "shop", private: true, type: "module" }));
  // Third-party dependencies come from the registry. better-sqlite3's install script downloads a
  // prebuilt addon where it can and compiles it for minutes here, so it is skipped and the
  // workspace's addon — the same release, built for this Node — is put in its place.
  run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    ...readdirSync(tarballs).map((t) => join(tarballs, t)),
  ]);
  const workspaceSqlite = dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json"));
  const version = (JSON.parse(readFileSync(join(workspaceSqlite, "package.json"), "utf8")) as { version: string })
    .version;
  if (installedVersion("better-sqlite3") === version) {
    mkdirSync(join(shop, "node_modules/better-sqlite3/build/Release"), { recursive: true });
    copyFileSync(
      join(workspaceSqlite, "build/Release/better_sqlite3.node"),
      join(shop, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"),
    );
  } else {
    run("npm", ["rebuild", "better-sqlite3"], {
      timeout: 600_000,
      env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr" },
    });
  }
}, 700_000);

let serving: Serving | undefined;
afterAll(async () => {
  await serving?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the packages, installed with npm outside the workspace", () => {
  it("carry what they need: a licence, engines, and no workspace: ranges", () => {
    for (const name of ["@tally/schema", "@tally/sdk", "@tally/node", "@tally/collector"]) {
      const pkg = JSON.parse(readFileSync(join(shop, "node_modules", name, "package.json"), "utf8"));
      expect(pkg.license, name).toBe("MIT");
      expect(pkg.engines?.node, name).toBe(">=20");
      expect(readdirSync(join(shop, "node_modules", name)), name).toContain("LICENSE");
      expect(JSON.stringify(pkg), name).not.toContain("workspace:");
    }
    expect(readdirSync(join(shop, "node_modules/@tally")).sort()).toEqual(["collector", "node", "schema", "sdk"]);
  });

  it("import the SDK as ESM, with types that a strict TypeScript check resolves", () => {
    const out = run(process.execPath, [
      "--input-type=module",
      "-e",
      'import { createTracker, checkEvent } from "@tally/sdk"; import { createClient, sessionFromCookie } from "@tally/node"; console.log(typeof createTracker, typeof checkEvent, typeof createClient, typeof sessionFromCookie);',
    ]);
    expect(out.trim()).toBe("function function function function");
    writeFileSync(
      join(shop, "check.ts"),
      `import { createTracker, type TrackerOptions } from "@tally/sdk";
import { createClient } from "@tally/node";
export const options: TrackerOptions | undefined = undefined;
export const start: typeof createTracker = createTracker;
// @ts-expect-error a client needs a key: typed, not any
createClient({ endpoint: "http://127.0.0.1:8787" });
`,
    );
    writeFileSync(
      join(shop, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          noEmit: true,
          strict: true,
          skipLibCheck: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
        },
        files: ["check.ts"],
      }),
    );
    run(process.execPath, [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.json"]);
  }, 60_000);

  it("run the collector's bin with npx, carrying the SDK bundle and the dashboard, and take @tally/node's purchase", async () => {
    expect(run("npx", [...npx.args, "--version"]).trim()).toMatch(/^tally-collector \d+\.\d+\.\d+$/);
    const shopKeys = JSON.parse(
      run("npx", [
        ...npx.args,
        "appspace",
        "create",
        "--db",
        "shop.db",
        "--name",
        "Shop",
        "--currency",
        "USD",
        "--json",
      ]),
    ) as { secret_key: string };
    serving = await startServe(["--db", "shop.db", "--port", "0", "--no-demo"], { cwd: shop }, npx);
    expect((await fetch(`${serving.url}/tally.js`)).status).toBe(200);
    expect((await fetch(`${serving.url}/dashboard`)).status).toBe(200);
    const sent = run(process.execPath, [
      "--input-type=module",
      "-e",
      `import { createClient } from "@tally/node";
const tally = createClient({ key: ${JSON.stringify(shopKeys.secret_key)}, endpoint: ${JSON.stringify(serving.url)} });
await tally.purchase({ transaction_id: "npm-order-1", revenue: 49.98, currency: "USD", items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 }] });
await tally.close();
console.log("sent");`,
    ]);
    expect(sent.trim()).toBe("sent");
    const overview = await fetch(`${serving.url}/v1/api/analytics/ecommerce/overview`, {
      headers: { authorization: `Bearer ${shopKeys.secret_key}` },
    });
    expect(await overview.json()).toMatchObject({ total_orders: 1, total_revenue: 49.98 });
  }, 60_000);
});
