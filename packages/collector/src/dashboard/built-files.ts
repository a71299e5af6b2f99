import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BuiltFile {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

export interface BuiltDashboard {
  index: BuiltFile;
  /** The content-hashed assets by file name. */
  assets: Map<string, BuiltFile>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** Where `@tally/dashboard`'s build is, or undefined when the package is not there. */
export function dashboardDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@tally/dashboard/package.json")), "dist");
  } catch {
    return undefined;
  }
}

function file(path: string): BuiltFile {
  const body = readFileSync(path);
  return { body, gzip: gzipSync(body, { level: 9 }), type: TYPES[extname(path)] ?? "application/octet-stream" };
}

/** Reads the built dashboard once, with each file compressed ahead; throws when it is not built. */
export function readBuiltDashboard(dir: string): BuiltDashboard {
  const assetsDir = join(dir, "assets");
  const assets = new Map(readdirSync(assetsDir).map((name) => [name, file(join(assetsDir, name))] as const));
  return { index: file(join(dir, "index.html")), assets };
}
