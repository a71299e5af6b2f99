// The single executable's entry (`pnpm build:binary` bundles it): the same command line as
// `cli.ts`, with the shipped files read from the executable itself.
import { createEmbeddedAssets } from "./assets/embedded-assets.js";
import { runCli } from "./cli/run-cli.js";

void runCli(process.argv.slice(2), createEmbeddedAssets()).then((code) => {
  process.exitCode = code;
});
