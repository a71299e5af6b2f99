// The platform sources' routes: one signed webhook route for every platform, and a Shopify
// source's custom pixel.
import { deliveryAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute } from "../http/contract.js";

const source = z.object({ id: z.string().meta({ description: "The source's id (`tally-collector source add`)" }) });

export const deliveryRoute = defineRoute({
  method: "post",
  path: "/sources/{id}",
  summary:
    "A platform's signed webhook (Shopify, WooCommerce, Stripe) for the source `tally-collector source add` made",
  description:
    "The body is read raw and its signature checked the platform's way before it is parsed: Shopify X-Shopify-Hmac-Sha256 and WooCommerce X-WC-Webhook-Signature (base64 HMAC-SHA256 of the body), Stripe Stripe-Signature (t=…,v1=…, 5 minutes' tolerance). Orders and refunds become server-side events; a verified body that does not map is kept aside with its reason and still answered 200.",
  tags: ["sources"],
  security: [],
  params: source,
  body: z.record(z.string(), z.unknown()).meta({ description: "The platform's own webhook body" }),
  bodyTypes: ["application/json"],
  answer: deliveryAnswer,
  answerDescription: "Accepted, ignored on purpose (another topic, WooCommerce's ping) or kept aside",
  errors: {
    "400": "Stripe: a missing, wrong or stale signature",
    "401": "Shopify, WooCommerce: a missing or wrong signature",
    "404": "No such source, or it was removed",
    "413": "The body is larger than the cap",
  },
});

export const shopifyPixelRoute = defineRoute({
  method: "get",
  path: "/sources/{id}/shopify-pixel.js",
  summary: "A Shopify source's custom pixel code, with its publishable key and this collector's URL filled in",
  tags: ["sources"],
  security: [],
  params: source,
  answer: z.string().meta({ description: "The pixel's code" }),
  answerTypes: ["text/javascript"],
  answerDescription: "JavaScript to paste under Settings → Customer events → Add custom pixel",
  errors: { "404": "No such Shopify source" },
});

export const SOURCES_ROUTES = [deliveryRoute, shopifyPixelRoute];
