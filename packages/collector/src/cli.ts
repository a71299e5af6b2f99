#!/usr/bin/env -S node --max-old-space-size=64 --max-semi-space-size=8
// The heap caps keep the collector inside its memory budget: without them V8 lets a busy heap
// grow far past what ingest needs before collecting (run with `node` directly to lift them).
// The projector's worker thread has caps of its own (projector/worker-projector.ts).
import { createPackageAssets } from "./assets/package-assets.js";
import { runCli } from "./cli/run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), createPackageAssets());
