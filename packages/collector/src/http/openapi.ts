import { z } from "zod";
import { eventSchema } from "@tally/schema";

const error = { type: "object", properties: { error: { type: "string" }, code: { type: "string" } }, required: ["error", "code"] };
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const body = (schema: unknown) => ({
  required: true,
  content: { "application/json": { schema }, "text/plain": { schema } },
});

/**
 * The OpenAPI document of the ingest routes, generated from the same zod schemas the routes
 * validate with, so the two cannot drift apart.
 */
export function openApiDocument(extraPaths: Record<string, unknown> = {}) {
  const event = z.toJSONSchema(eventSchema, { io: "input", unrepresentable: "any" });
  const errors = {
    "400": { description: "Invalid body", ...json(error) },
    "401": { description: "Missing or unknown key", ...json(error) },
    "413": { description: "Body too large", ...json(error) },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Tally collector", version: "0.1.0" },
    components: {
      schemas: { EcommerceEvent: event, Error: error },
      securitySchemes: { bearer: { type: "http", scheme: "bearer" }, key: { type: "apiKey", in: "query", name: "key" } },
    },
    security: [{ bearer: [] }, { key: [] }],
    paths: {
      "/v1/api/analytics/ecommerce/track": {
        post: {
          summary: "Send one ecommerce event",
          requestBody: body({ $ref: "#/components/schemas/EcommerceEvent" }),
          responses: { "200": { description: "Stored (or a repeat, silently ignored)", ...json({ type: "object", properties: { ok: { const: true } } }) }, ...errors },
        },
      },
      "/v1/api/analytics/ecommerce/batch": {
        post: {
          summary: "Send up to 100 ecommerce events",
          requestBody: body({
            type: "object",
            required: ["events"],
            properties: {
              events: { type: "array", minItems: 1, maxItems: 100, items: { $ref: "#/components/schemas/EcommerceEvent" } },
              key: { type: "string", description: "The key, for beacons that cannot set headers" },
              sdk: { type: "object", properties: { dropped: { type: "integer" }, expired: { type: "integer" } } },
            },
          }),
          responses: {
            "200": {
              description: "Valid events stored; invalid ones skipped with a reason",
              ...json({ type: "object", properties: { ok: { const: true }, accepted: { type: "integer" }, errors: { type: "array", items: { type: "string" } } } }),
            },
            ...errors,
          },
        },
      },
      "/serve/collect/conversion": {
        post: {
          summary: "Hello Retail conversion tracking",
          security: [],
          requestBody: body({
            type: "object",
            required: ["websiteUuid", "total", "orderNumber"],
            properties: {
              websiteUuid: { type: "string" },
              trackingUserId: { type: "string" },
              total: { type: "number" },
              orderNumber: { type: "string" },
              email: { type: "string" },
              customerId: { type: "string" },
              urls: { type: "array", items: { type: "string" } },
              productNumbers: { type: "array", items: { type: "string" } },
            },
          }),
          responses: {
            "200": { description: "Tracked", ...json({ type: "object", properties: { success: { const: true }, message: { const: "Conversion tracked" } } }) },
            "400": { description: "Invalid input", ...json({ type: "object", properties: { success: { const: false }, message: { type: "string" } } }) },
          },
        },
      },
      ...extraPaths,
    },
  };
}
