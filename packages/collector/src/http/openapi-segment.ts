import { MAX_SEGMENT_BATCH, SEGMENT_TYPES } from "../sources/segment/segment.routes.js";
import { SEGMENT_BROWSER_PATHS } from "../sources/segment-browser/segment-browser.routes.js";

const ok = {
  description:
    "Accepted (events Tally has no type for are accepted and ignored); messages the ingest contract refuses are listed in errors",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { success: { const: true }, errors: { type: "array", items: { type: "string" } } },
      },
    },
  },
};
const errors = {
  "400": {
    description: "Not a batch, or (single message) refused by the ingest contract",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "401": {
    description: "Missing or unknown write key",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "403": {
    description: "Ecommerce events are not available on the free tier",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "429": {
    description: "Ecommerce event quota exceeded (Retry-After: seconds until the UTC month ends)",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "503": {
    description: "Catching up: send again after Retry-After",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};
const message = {
  type: "object",
  description:
    "A Segment message: type, event, userId, anonymousId, messageId, timestamp or originalTimestamp, properties, context",
};

const single = (type: string) => ({
  post: {
    summary: `Segment ${type}`,
    description:
      type === "track"
        ? "V2 Ecommerce events become Tally's 13 types (Order Completed → purchase: order_id → transaction_id, total else revenue, products[] → items; messageId → event_id)."
        : type === "identify" || type === "page" || type === "alias"
          ? "With both anonymousId and userId, links the anonymous id to the user (identity stitching)."
          : "Accepted and ignored.",
    tags: ["segment"],
    security: [{ writeKey: [] }],
    requestBody: { content: { "application/json": { schema: message } } },
    responses: { "200": ok, ...errors },
  },
});

/** The Segment-compatible routes in /openapi.json. */
export const SEGMENT_PATHS = {
  ...Object.fromEntries(
    ["/v1/batch", "/v1/import", "/v1/b"].map((path) => [
      path,
      {
        post: {
          summary: "Segment batch (gzip bodies accepted)",
          tags: ["segment"],
          security: [{ writeKey: [] }],
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["batch"],
                  properties: {
                    batch: { type: "array", maxItems: MAX_SEGMENT_BATCH, items: message },
                    writeKey: { type: "string" },
                    context: { type: "object" },
                  },
                },
              },
            },
          },
          responses: { "200": ok, ...errors },
        },
      },
    ]),
  ),
  ...Object.fromEntries(SEGMENT_TYPES.map((type) => [`/v1/${type}`, single(type)])),
  // Segment's browser library (analytics.js 2.0): text/plain bodies, CORS with preflight.
  ...Object.fromEntries(Object.entries(SEGMENT_BROWSER_PATHS).map(([path, type]) => [`/v1/${path}`, single(type)])),
  "/v1/m": {
    post: {
      summary: "Segment browser library metrics (answered and ignored)",
      tags: ["segment"],
      security: [],
      responses: { "200": ok },
    },
  },
};
