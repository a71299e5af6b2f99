import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Where a single executable keeps the native addons it carries, best first:
 * `$XDG_CACHE_HOME/tally`, `~/.cache/tally`, then the system's temporary directory. None of them
 * has to be set: a missing or unwritable one is passed over.
 */
export function addonCacheDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (env.XDG_CACHE_HOME) dirs.push(join(env.XDG_CACHE_HOME, "tally"));
  let home: string | undefined;
  try {
    home = env.HOME || homedir();
  } catch {
    // No home directory for this user (a container's nobody): the next place will do.
    home = undefined;
  }
  if (home) dirs.push(join(home, ".cache", "tally"));
  dirs.push(join(tmpdir(), "tally"));
  return dirs;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A native addon carried as bytes, loaded the only way Node loads one: from a file. The file is
 * named by the bytes' hash (`<name>-<hash>.node`) in the first usable cache directory, written
 * once (to a temporary name, then renamed, so a concurrent start never loads half a file), and
 * checked against the hash before every load, so a damaged or replaced file is written again.
 *
 * @example
 * const addon = loadNativeAddon("better_sqlite3", new Uint8Array(getAsset("better_sqlite3.node")));
 */
export function loadNativeAddon(name: string, bytes: Uint8Array, dirs = addonCacheDirs()): unknown {
  const hash = sha256(bytes);
  const problems: string[] = [];
  for (const dir of dirs) {
    const file = join(dir, `${name}-${hash.slice(0, 16)}.node`);
    try {
      if (!holds(file, hash)) write(dir, file, bytes);
      const module = { exports: {} as unknown };
      process.dlopen(module, file);
      return module.exports;
    } catch (error) {
      problems.push(`${dir}: ${(error as Error).message}`);
    }
  }
  throw new Error(`cannot load the ${name} native addon from any of ${dirs.join(", ")} (${problems.join("; ")})`);
}

function holds(file: string, hash: string): boolean {
  try {
    return sha256(readFileSync(file)) === hash;
  } catch {
    // Not there yet: written now.
    return false;
  }
}

function write(dir: string, file: string, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, "w", 0o700);
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
