#!/usr/bin/env -S node --max-old-space-size=64 --max-semi-space-size=8
// The package's command. It exists before the first build (so installing the workspace can link
// it) and runs the built CLI; the heap cap is explained in src/cli.ts.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("tally-collector: the collector is not built yet: run `pnpm build` in the repository");
  process.exit(1);
}
await import(cli.href);
