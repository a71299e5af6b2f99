import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { CLI, runCli, startServe, type Ran, type Serving } from "./run-cli.test-support.js";

const started: Serving[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  for (const b of blockers.splice(0)) b.close();
});

const tempDir = () => mkdtempSync(join(tmpdir(), "tally-cli-errors-"));

/** One line on stderr, exit 1, no stack trace. */
function expectOneLine(ran: Ran, pattern: RegExp) {
  expect(ran.stderr.trim()).toMatch(pattern);
  expect(ran.stderr.trim().split("\n")).toHaveLength(1);
  expect(ran.stderr).not.toMatch(/^\s+at /m);
  expect(ran.status).toBe(1);
}

function busyPort(): Promise<number> {
  const server = createServer();
  blockers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

describe("tally-collector failures", { timeout: 30_000 }, () => {
  it("a busy port is one line, and nothing is created: the next start shows the demo keys", async () => {
    const db = join(tempDir(), "shop.db");
    const port = await busyPort();
    expectOneLine(
      runCli(["serve", "--db", db, "--port", String(port)]),
      new RegExp(`^tally-collector: port ${port} on 127.0.0.1 is already in use .*choose another --port$`),
    );
    expect(existsSync(db)).toBe(false);

    const serving = await startServe(["--db", db, "--port", "0"]);
    started.push(serving);
    // The keys come in the same write as "listening on": they are printed only once it listens.
    expect(serving.output()).toMatch(/secret key\s+sk_\S+[\s\S]*listening on/);
    expect(serving.output()).toContain("tally-collector key create");
  });

  it("names the database path that cannot be used, and what to do", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "folder"));
    expectOneLine(
      runCli(["serve", "--db", join(dir, "folder")]),
      /--db .*folder is a directory: give the path of a database file/,
    );
    expectOneLine(
      runCli(["serve", "--db", join(dir, "missing", "shop.db")]),
      /cannot create database .*missing\/shop\.db: directory .*missing does not exist/,
    );
    writeFileSync(
      join(dir, "notes.txt"),
      "not a database, but long enough to have a header that SQLite reads and rejects".repeat(10),
    );
    expectOneLine(runCli(["appspace", "list", "--db", join(dir, "notes.txt")]), /notes\.txt is not a SQLite database/);
    expectOneLine(
      runCli(["key", "list", "--db", join(dir, "nothing.db"), "--appspace", "x"]),
      /no database at .*nothing\.db/,
    );
    expect(existsSync(join(dir, "nothing.db"))).toBe(false);
  });

  it("names a database file it may not write", () => {
    const dir = tempDir();
    const db = join(dir, "shop.db");
    expect(runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD"]).status).toBe(0);
    chmodSync(dir, 0o755);
    chmodSync(db, 0o444);
    // root may write any file: run the check as root without the capability that lets it (not as
    // another user, who may not reach this checkout's files at all: a 0700 home, a mktemp -d clone).
    const args = ["serve", "--db", db, "--port", "0"];
    const ran = process.getuid?.() === 0 ? runWithoutOverride(args) : runCli(args);
    expectOneLine(ran, /cannot write database .*shop\.db: permission denied/);
  });

  it("refuses a database written by a newer collector", () => {
    const db = join(tempDir(), "future.db");
    const file = new Database(db);
    file.pragma("user_version = 999");
    file.close();
    expectOneLine(
      runCli(["serve", "--db", db, "--port", "0"]),
      /database .*future\.db was written by a newer tally-collector \(schema version 999; this one knows up to \d+\): upgrade/,
    );
  });

  it("names a rates file that is not valid JSON", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rates.json"), '{ "base": "USD", ');
    const ran = runCli(["serve", "--db", join(dir, "shop.db"), "--rates", join(dir, "rates.json")]);
    expectOneLine(ran, /rates file .*rates\.json is not valid JSON \(.+\): fix it/);
    expect(existsSync(join(dir, "shop.db"))).toBe(false);
    expectOneLine(runCli(["serve", "--rates", join(dir, "absent.json")]), /rates file .*absent\.json: no such file/);
  });

  it("checks an appspace's currency against the rates file before creating it", () => {
    const dir = tempDir();
    const db = join(dir, "shop.db");
    const ran = runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "XYZ"]);
    expectOneLine(ran, /unknown currency XYZ: the shipped rates snapshot has no rate for it/);
    expect(existsSync(db)).toBe(false);
    expectOneLine(
      runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "dollars"]),
      /--currency must be an ISO 4217 code/,
    );

    writeFileSync(join(dir, "rates.json"), JSON.stringify({ base: "USD", timestamp: 1, rates: { XYZ: 2 } }));
    const created = runCli([
      "appspace",
      "create",
      "--db",
      db,
      "--name",
      "Shop",
      "--currency",
      "xyz",
      "--rates",
      join(dir, "rates.json"),
      "--json",
    ]);
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout).currency).toBe("XYZ");
    // Served without those rates, every purchase would fail: refuse to start instead.
    expectOneLine(
      runCli(["serve", "--db", db, "--port", "0"]),
      /appspace "Shop" \(.+\) counts in XYZ, but the shipped rates snapshot has no rate for it: pass --rates FILE/,
    );
  });

  it("answers a wrong call with the subcommand's own usage, exit 2", () => {
    const missing = runCli(["appspace", "create", "--db", ":memory:"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /^tally-collector appspace: --name is required\n\nUsage:\n {2}tally-collector appspace create/,
    );
    expect(missing.stderr).not.toContain("tally-collector serve");
    const bogus = runCli(["serve", "--bogus"]);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/^tally-collector serve: Unknown option '--bogus'/);
    expect(bogus.stderr).toContain("--country-header NAME");
    expect(bogus.stderr).not.toContain("appspace create");
    const key = runCli(["key", "create", "--appspace", "x"]);
    expect([key.status, key.stderr]).toEqual([
      2,
      expect.stringMatching(/^tally-collector key: --kind is required\n\nUsage:\n {2}tally-collector key create/),
    ]);
    expect(runCli(["frobnicate"])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^tally-collector: unknown command "frobnicate"\n\n.*\n\nUsage:/),
    });
    expect(runCli(["serve", "--port", "http"]).stderr).toMatch(/--port must be a number from 0 to 65535, not "http"/);
  });

  it("shows the stack trace only with --debug", () => {
    const dir = tempDir();
    const plain = runCli(["serve", "--db", dir]);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = runCli(["serve", "--db", dir, "--debug"]);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^CliError: --db .* is a directory[\s\S]*^\s+at /m);
  });

  it("prints its version", () => {
    const ran = runCli(["--version"]);
    expect(ran).toMatchObject({ status: 0, stdout: expect.stringMatching(/^tally-collector \d+\.\d+\.\d+\n$/) });
  });
});

/** `tally-collector …` as root without CAP_DAC_OVERRIDE (util-linux's setpriv): file modes bind it. */
function runWithoutOverride(args: string[]) {
  const ran = spawnSync(
    "setpriv",
    ["--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", process.execPath, CLI, ...args],
    { encoding: "utf8", timeout: 20_000 },
  );
  return { status: ran.status, stdout: String(ran.stdout), stderr: String(ran.stderr) };
}
