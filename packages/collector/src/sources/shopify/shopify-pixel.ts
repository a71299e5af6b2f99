import { TallyError } from "../../errors.js";
import type { SourceRow } from "../../model/source.js";

/**
 * The code a shop pastes as a Shopify custom pixel (Settings → Customer events → Add custom
 * pixel): `@tally/sdk`'s pixel bundle with the source's publishable key and the collector's URL
 * written in front of it.
 *
 * @example
 * shopifyPixelCode(source, "https://collector.example.com", assets.shopifyPixel()!);
 */
export function shopifyPixelCode(source: SourceRow, endpoint: string, bundle: string): string {
  if (source.kind !== "shopify" || !source.pixel_key)
    throw new TallyError(404, "source.no_pixel", `Source ${source.id} has no Shopify pixel`);
  const settings = JSON.stringify({ key: source.pixel_key, endpoint: endpoint.replace(/\/+$/, "") });
  return `// Tally's Shopify custom pixel for source ${source.id}: paste under Settings → Customer events → Add custom pixel.\nconst TALLY_PIXEL = ${settings};\n${bundle}`;
}

/** The pixel bundle as the collector ships it; 404 when it was not built. */
export function pixelBundleOf(read: () => string | undefined): () => string {
  return () => {
    const text = read();
    if (text === undefined)
      throw new TallyError(404, "sdk.not_built", "The Shopify pixel is not built: run pnpm build");
    return text;
  };
}
