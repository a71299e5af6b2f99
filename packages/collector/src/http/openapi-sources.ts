const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** The platform source routes in /openapi.json. */
export const SOURCES_PATHS = {
  "/sources/{id}": {
    post: {
      summary:
        "A platform's signed webhook (Shopify, WooCommerce, Stripe) for the source `tally-collector source add` made",
      description:
        "The body is read raw and its signature checked the platform's way before it is parsed: Shopify X-Shopify-Hmac-Sha256 and WooCommerce X-WC-Webhook-Signature (base64 HMAC-SHA256 of the body), Stripe Stripe-Signature (t=…,v1=…, 5 minutes' tolerance). Orders and refunds become server-side events; a verified body that does not map is kept aside with its reason and still answered 200.",
      tags: ["sources"],
      security: [],
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      requestBody: {
        content: { "application/json": { schema: { type: "object", description: "The platform's own webhook body" } } },
      },
      responses: {
        "200": {
          description: "Accepted, ignored on purpose (another topic, WooCommerce's ping) or kept aside",
          content: { "application/json": { schema: { type: "object", properties: { ok: { const: true } } } } },
        },
        "400": error("Stripe: a missing, wrong or stale signature"),
        "401": error("Shopify, WooCommerce: a missing or wrong signature"),
        "404": error("No such source, or it was removed"),
        "413": error("The body is larger than the cap"),
      },
    },
  },
  "/sources/{id}/shopify-pixel.js": {
    get: {
      summary: "A Shopify source's custom pixel code, with its publishable key and this collector's URL filled in",
      tags: ["sources"],
      security: [],
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": { description: "JavaScript to paste under Settings → Customer events → Add custom pixel" },
        "404": error("No such Shopify source"),
      },
    },
  },
};
