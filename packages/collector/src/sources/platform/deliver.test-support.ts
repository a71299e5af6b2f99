import { createHmac } from "node:crypto";
import type { SourceKind } from "../../model/source.js";
import { BROWSER_USER_AGENT } from "../../test-support/browser.js";
import { harness, TRACK, type Harness } from "../../test-support/harness.js";

/** A harness with one platform source of `kind`, and ways to deliver to it as the platform would. */
export async function sourceHarness(kind: SourceKind, secret = `${kind}-signing-secret`) {
  const h = await harness();
  const id = `src_test_${kind}`;
  await h.store.addSource({ id, appspace_id: h.shop.id, kind, secret, created_at: h.clock.now });
  /** POSTs a body to the source (as it is, bytes untouched) and waits for the projector. */
  const deliver = async (body: string, headers: Record<string, string>, path = `/sources/${id}`) => {
    const res = await h.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    await h.app.projector.drain();
    return res;
  };
  return { h, id, secret, deliver };
}

/** The base64 HMAC-SHA256 Shopify and WooCommerce sign a webhook's raw body with. */
export const base64Hmac = (secret: string, body: string) =>
  createHmac("sha256", secret).update(body, "utf8").digest("base64");

/** The browser's copy of an order, as the SDK sends it with the publishable key. */
export async function browserPurchase(h: Harness, transactionId: string, extra: Record<string, unknown> = {}) {
  const res = await h.post(
    TRACK,
    {
      event_type: "purchase",
      transaction_id: transactionId,
      revenue: 1,
      currency: "USD",
      anonymous_id: "anon-browser",
      session_id: "sess-browser",
      context: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "march", page_path: "/thanks" },
      ...extra,
    },
    h.shop.publishable_key,
    { "user-agent": BROWSER_USER_AGENT },
  );
  if (res.status !== 200) throw new Error(`browser purchase: ${res.status} ${await res.text()}`);
}

/** The stored orders and refunds, as tests compare them. */
export function orderRows(h: Harness) {
  return h.rows<Record<string, unknown>>(
    "SELECT event_type, transaction_id, revenue, currency, seen_by, anonymous_id, session_id, user_id FROM events WHERE event_type IN ('purchase', 'refund') ORDER BY event_type, transaction_id, seq",
  );
}
