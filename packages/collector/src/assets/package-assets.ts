import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_RATES_FILE, readRatesFile } from "../currency/rates.js";
import { dashboardFilesIn } from "../dashboard/built-files.js";
import type { CollectorAssets } from "./collector-assets.js";

/** A path inside the collector's package (`src/assets/` and `dist/assets/` are both two below it). */
const own = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Where the build puts its copies of the SDK bundle and the dashboard, inside the package. */
export const WEB_DIR = own("dist/web");

/**
 * The assets in the collector's own package folders: `package.json`, `rates/latest.json`, and
 * `dist/web/` (the SDK bundle and the dashboard, copied there by the package's build, so an
 * installed package carries them and never looks into a sibling package).
 *
 * @example
 * createPackageAssets().version; // "0.1.0"
 */
export function createPackageAssets(): CollectorAssets {
  return {
    version: (JSON.parse(readFileSync(own("package.json"), "utf8")) as { version: string }).version,
    sdkBundle() {
      try {
        return readFileSync(`${WEB_DIR}/tally.js`, "utf8");
      } catch {
        // Not built: `/tally.js` answers 404 sdk.not_built.
        return undefined;
      }
    },
    shopifyPixel() {
      try {
        return readFileSync(`${WEB_DIR}/shopify-pixel.js`, "utf8");
      } catch {
        // Not built: the pixel route answers 404 sdk.not_built.
        return undefined;
      }
    },
    dashboard() {
      try {
        return dashboardFilesIn(`${WEB_DIR}/dashboard`);
      } catch {
        // Not built: `/dashboard` answers 404 dashboard.not_built.
        return undefined;
      }
    },
    ratesSnapshot: () => readRatesFile(DEFAULT_RATES_FILE),
    projectorWorker: () => undefined,
  };
}
