import { z } from "zod";
import { SEGMENT_PATHS } from "./openapi-segment.js";
import { SOURCES_PATHS } from "./openapi-sources.js";
import { DASHBOARD_PATHS } from "./openapi-dashboard.js";
import { eventSchema } from "@tally/schema";
import { INGEST_ROUTES } from "../ingest/ingest.contract.js";
import { QUERY_ROUTES } from "../queries/query-routes.js";
import { pathsOf } from "./openapi-operation.js";

const error = {
  type: "object",
  properties: { error: { type: "string" }, code: { type: "string", description: "Stable, area.reason" } },
  required: ["error", "code"],
};
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const body = (schema: unknown) => ({
  required: true,
  content: { "application/json": { schema }, "text/plain": { schema } },
});
/**
 * The OpenAPI document of every route. The ingest and query routes' operations are generated
 * from their contracts (`ingest/ingest.contract.ts`, `queries/*.contract.ts`); a test checks
 * that every registered route is here with the key its route declares.
 */
export function openApiDocument(extraPaths: Record<string, unknown> = {}) {
  const event = z.toJSONSchema(eventSchema, { io: "input", unrepresentable: "any" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Tally collector",
      version: "0.1.0",
      description:
        "Self-hosted purchase tracking. Ingest with a publishable (pk_…) or secret (sk_…) key; query with a secret key, sent only as Authorization: Bearer. Money answers are in the appspace's base currency.",
    },
    tags: [
      { name: "ingest" },
      { name: "queries" },
      { name: "erase" },
      { name: "hello-retail" },
      { name: "sources" },
      { name: "service" },
    ],
    components: {
      schemas: { EcommerceEvent: event, Error: error },
      securitySchemes: {
        secretKey: {
          type: "http",
          scheme: "bearer",
          description: "A secret key (sk_…), only in the Authorization header: in ?key= or a body it is refused (401)",
        },
        anyKey: { type: "http", scheme: "bearer", description: "A publishable (pk_…) or secret (sk_…) key" },
        publishableKeyInQuery: {
          type: "apiKey",
          in: "query",
          name: "key",
          description: "A publishable key, for beacons that cannot set headers",
        },
        writeKey: {
          type: "http",
          scheme: "basic",
          description:
            "Segment's write key: a Tally key (pk_… or sk_…) as the Basic auth user, as Segment's clients send it; also read from the body's writeKey",
        },
      },
    },
    paths: {
      ...pathsOf(INGEST_ROUTES),
      ...pathsOf(QUERY_ROUTES),
      "/serve/collect/conversion": {
        post: {
          summary: "Hello Retail conversion tracking",
          description:
            "Hello Retail's REST contract: websiteUuid is the appspace id (no key); the conversion becomes a purchase.",
          tags: ["hello-retail"],
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
            "200": {
              description: "Tracked",
              ...json({
                type: "object",
                properties: { success: { const: true }, message: { const: "Conversion tracked" } },
              }),
            },
            "400": {
              description: "Invalid input, or Website not found",
              ...json({ type: "object", properties: { success: { const: false }, message: { type: "string" } } }),
            },
            "403": {
              description: "Ecommerce events are not available on the free tier",
              ...json({ type: "object", properties: { success: { const: false }, message: { type: "string" } } }),
            },
            "429": {
              description: "Ecommerce event quota exceeded (Retry-After: seconds until the UTC month ends)",
              ...json({ type: "object", properties: { success: { const: false }, message: { type: "string" } } }),
            },
          },
        },
      },
      "/tally.js": {
        get: {
          summary: "The browser SDK for one script tag",
          tags: ["service"],
          security: [],
          responses: {
            "200": {
              description: "JavaScript, cacheable for an hour",
              content: { "application/javascript": { schema: { type: "string" } } },
            },
            "304": { description: "Not modified (ETag)" },
          },
        },
      },
      ...SEGMENT_PATHS,
      ...SOURCES_PATHS,
      ...DASHBOARD_PATHS,
      // The versioned bundle, `/tally.<hash>.js` (as the router spells the path).
      "/{file}{tally\\.[0-9a-f]+\\.js}": {
        get: {
          summary: "The browser SDK at its versioned, immutable URL /tally.<hash>.js (the hash `serve` prints)",
          tags: ["service"],
          security: [],
          parameters: [
            {
              name: "file",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^tally\\.[0-9a-f]+\\.js$" },
            },
          ],
          responses: {
            "200": { description: "JavaScript, gzip or brotli by Accept-Encoding, cacheable for a year" },
            "304": { description: "Not modified (ETag)" },
            "404": { description: "Another version" },
          },
        },
      },
      "/healthz/projection": {
        get: {
          summary: "Where the inbox and the projector stand",
          tags: ["service"],
          security: [],
          responses: {
            "200": {
              description: "Inbox entries appended and projected, and acknowledged events not yet projected",
              ...json({
                type: "object",
                properties: {
                  appended: { type: "integer" },
                  projected: { type: "integer" },
                  backlog_events: { type: "integer" },
                },
              }),
            },
          },
        },
      },
      "/healthz": {
        get: {
          summary: "Liveness: the database answers",
          tags: ["service"],
          security: [],
          responses: { "200": { description: "Up", ...json({ type: "object", properties: { ok: { const: true } } }) } },
        },
      },
      "/openapi.json": {
        get: {
          summary: "This document",
          tags: ["service"],
          security: [],
          responses: { "200": { description: "OpenAPI 3.1", ...json({ type: "object" }) } },
        },
      },
      ...extraPaths,
    },
  };
}
