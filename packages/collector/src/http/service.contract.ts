// The collector's own routes: liveness, where the projector stands, this document and the
// browser SDK's script.
import { healthAnswer, projectionAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute, type RouteContract } from "./contract.js";

const service = { tags: ["service"], security: [] };
const STORE_DOWN = "The store cannot be reached (Retry-After: seconds)";

export const healthRoute = defineRoute({
  method: "get",
  path: "/healthz",
  summary: "Liveness: the database answers",
  ...service,
  answer: healthAnswer,
  answerDescription: "Up",
  errors: { "503": STORE_DOWN },
});

export const projectionRoute = defineRoute({
  method: "get",
  path: "/healthz/projection",
  summary: "Where the inbox and the projector stand",
  ...service,
  answer: projectionAnswer,
  answerDescription: "Inbox entries appended and projected, and acknowledged events not yet projected",
  errors: { "503": STORE_DOWN },
});

export const openApiRoute = defineRoute({
  method: "get",
  path: "/openapi.json",
  summary: "This document",
  ...service,
  answer: z.looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
  answerDescription: "OpenAPI 3.1",
  errors: {},
});

const script = z.string().meta({ description: "The browser SDK" });
const SCRIPT_TYPES = ["application/javascript"];
const NOT_MODIFIED = { description: "Not modified (ETag)" };
const NOT_BUILT = "The SDK bundle is not built";

export const scriptRoute = defineRoute({
  method: "get",
  path: "/tally.js",
  summary: "The browser SDK for one script tag",
  ...service,
  answer: script,
  answerTypes: SCRIPT_TYPES,
  answerDescription: "JavaScript (gzip or brotli by Accept-Encoding), cacheable for an hour",
  errors: { "304": NOT_MODIFIED, "404": NOT_BUILT },
});

// The versioned bundle, `/tally.<hash>.js` (as the router spells the path).
export const versionedScriptRoute = defineRoute({
  method: "get",
  path: "/{file}{tally\\.[0-9a-f]+\\.js}",
  summary: "The browser SDK at its versioned, immutable URL /tally.<hash>.js (the hash `serve` prints)",
  ...service,
  params: z.object({ file: z.string().regex(/^tally\.[0-9a-f]+\.js$/) }),
  answer: script,
  answerTypes: SCRIPT_TYPES,
  answerDescription: "JavaScript (gzip or brotli by Accept-Encoding), cacheable for a year",
  errors: { "304": NOT_MODIFIED, "404": "Another version, or the SDK bundle is not built" },
});

/** The script under the shop's own path (`serve --script-path`), sending to its collect prefix. */
export const firstPartyScriptRoute = (path: string): RouteContract =>
  defineRoute({
    ...scriptRoute,
    path,
    summary: "The browser SDK under the shop's own path (`serve --script-path`), sending to its collect prefix",
  });

export const SERVICE_ROUTES = [healthRoute, projectionRoute, openApiRoute, scriptRoute, versionedScriptRoute];
