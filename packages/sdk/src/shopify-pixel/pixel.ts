import { PIXEL_EVENTS, pixelEvent, type StandardEvent } from "./pixel-events.js";

// The globals a Shopify custom pixel runs with (the Web Pixels API): `analytics` to subscribe to
// standard events, `browser` for the sandbox's async storage and beacon; and the settings the
// collector writes in front of this bundle when it serves it (`GET /sources/:id/shopify-pixel.js`).
declare const analytics: { subscribe(name: string, callback: (event: StandardEvent) => void): void };
declare const browser: { sendBeacon(url: string, body?: string): Promise<boolean> };
declare const TALLY_PIXEL: { key: string; endpoint: string };

/**
 * Tally's Shopify custom pixel: each standard event Tally records goes to the collector as it
 * happens, by `browser.sendBeacon` (else `fetch` with keepalive). The pixel's sandbox has no
 * IndexedDB and an origin of its own, so there is no outbox: what cannot be sent is lost, and the
 * order itself still arrives by Shopify's `orders/create` webhook, which merges with this copy.
 */
function send(event: Record<string, unknown>): void {
  const url = `${TALLY_PIXEL.endpoint}/v1/api/analytics/ecommerce/batch?key=${encodeURIComponent(TALLY_PIXEL.key)}&door=pixel`;
  const body = JSON.stringify({ events: [event] });
  const byFetch = () =>
    fetch(url, { method: "POST", body, keepalive: true, headers: { "content-type": "text/plain" } }).then(
      () => undefined,
    );
  browser
    .sendBeacon(url, body)
    .then((queued) => (queued ? undefined : byFetch()))
    // Nothing to keep a failed event in (no IndexedDB here); the webhook still brings the order.
    .catch(() => byFetch().catch(() => undefined));
}

for (const name of Object.keys(PIXEL_EVENTS)) {
  analytics.subscribe(name, (event) => {
    const mapped = pixelEvent(name, event, TALLY_PIXEL.key);
    if (mapped) send(mapped);
  });
}
