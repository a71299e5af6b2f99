import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { TallyError } from "../../errors.js";
import type { SourceRow } from "../../model/source.js";

/** Where `@tally/sdk`'s Shopify pixel bundle is; undefined when it is not installed. */
export function shopifyPixelBundlePath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@tally/sdk/shopify-pixel.js");
  } catch {
    // Not installed: the route answers 404 sdk.not_built.
    return undefined;
  }
}

/**
 * The code a shop pastes as a Shopify custom pixel (Settings → Customer events → Add custom
 * pixel): `@tally/sdk`'s pixel bundle with the source's publishable key and the collector's URL
 * written in front of it.
 *
 * @example
 * shopifyPixelCode(source, "https://collector.example.com", readFileSync(shopifyPixelBundlePath()!, "utf8"));
 */
export function shopifyPixelCode(source: SourceRow, endpoint: string, bundle: string): string {
  if (source.kind !== "shopify" || !source.pixel_key) throw new TallyError(404, "source.no_pixel", `Source ${source.id} has no Shopify pixel`);
  const settings = JSON.stringify({ key: source.pixel_key, endpoint: endpoint.replace(/\/+$/, "") });
  return `// Tally's Shopify custom pixel for source ${source.id}: paste under Settings → Customer events → Add custom pixel.\nconst TALLY_PIXEL = ${settings};\n${bundle}`;
}

/** Reads the pixel bundle once, when it is first asked for. */
export function pixelBundleReader(file = shopifyPixelBundlePath()): () => string {
  let text: string | undefined;
  return () => {
    if (text === undefined) {
      try {
        text = readFileSync(file ?? "", "utf8");
      } catch {
        throw new TallyError(404, "sdk.not_built", "The Shopify pixel is not built: run pnpm build");
      }
    }
    return text;
  };
}
