import { z } from "zod";
import { SEGMENT_ROUTES } from "../sources/segment/segment.contract.js";
import { SEGMENT_BROWSER_ROUTES } from "../sources/segment-browser/segment-browser.contract.js";
import { SOURCES_ROUTES } from "../sources/sources.contract.js";
import { DASHBOARD_ROUTES } from "../dashboard/dashboard.contract.js";
import { errorAnswer, eventSchema } from "@tally/schema";
import { INGEST_ROUTES } from "../ingest/ingest.contract.js";
import { QUERY_ROUTES } from "../queries/query-routes.js";
import { jsonSchemaOf, pathsOf } from "./openapi-operation.js";
import { conversionRoute } from "../hello-retail/conversion.contract.js";
import { firstPartyScriptRoute, type openApiRoute, SERVICE_ROUTES } from "./service.contract.js";
import type { Answer } from "./contract.js";
import type { FirstPartyPaths } from "./sdk-bundle.routes.js";

/** The contract of every route `createApp` mounts, as `/openapi.json` lists them. */
export const ROUTES = [
  ...INGEST_ROUTES,
  ...QUERY_ROUTES,
  conversionRoute,
  ...SEGMENT_ROUTES,
  ...SEGMENT_BROWSER_ROUTES,
  ...SOURCES_ROUTES,
  ...DASHBOARD_ROUTES,
  ...SERVICE_ROUTES,
];

/**
 * The OpenAPI document of every route, generated from the routes' contracts (`*.contract.ts`);
 * with `firstParty`, the script under the shop's own path as well. A test checks that every
 * registered route is here with the key its route declares.
 */
export function openApiDocument(firstParty: FirstPartyPaths = {}): Answer<typeof openApiRoute> {
  const event = z.toJSONSchema(eventSchema, { io: "input", unrepresentable: "any" });
  return {
    openapi: "3.1.0" as const,
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
      { name: "segment" },
      { name: "sources" },
      { name: "dashboard" },
      { name: "service" },
    ],
    components: {
      schemas: { EcommerceEvent: event, Error: jsonSchemaOf(errorAnswer) },
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
      ...pathsOf(ROUTES),
      ...(firstParty.scriptPath && pathsOf([firstPartyScriptRoute(firstParty.scriptPath)])),
    },
  };
}
