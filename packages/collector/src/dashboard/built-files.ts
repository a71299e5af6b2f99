import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { DashboardFiles } from "../assets/collector-assets.js";

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

/** Reads a dashboard build folder (`index.html` and `assets/*`); throws when it is not there. */
export function dashboardFilesIn(dir: string): DashboardFiles {
  const assetsDir = join(dir, "assets");
  return {
    index: readFileSync(join(dir, "index.html")),
    assets: new Map(readdirSync(assetsDir).map((name) => [name, readFileSync(join(assetsDir, name))] as const)),
  };
}

function file(name: string, body: Buffer): BuiltFile {
  return { body, gzip: gzipSync(body, { level: 9 }), type: TYPES[extname(name)] ?? "application/octet-stream" };
}

/** The built dashboard with each file compressed ahead, ready to serve. */
export function readBuiltDashboard(files: DashboardFiles): BuiltDashboard {
  return {
    index: file("index.html", files.index),
    assets: new Map([...files.assets].map(([name, body]) => [name, file(name, body)] as const)),
  };
}
