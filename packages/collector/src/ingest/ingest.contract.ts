// track and batch: their bodies (the ingest contract's zod schemas, whose exact messages
// `validateEvent` gives) and answers.
import { batchAnswer, eventSchema, LIMITS, trackAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute, type Security } from "../http/contract.js";

const ECOMMERCE = "/v1/api/analytics/ecommerce";
const beaconKey = z.string().optional().meta({ description: "A publishable key, for beacons that cannot set headers" });

/**
 * Any key may ingest in the header; a publishable one also in ?key= or in the body's `key`
 * (described with the bodies: OpenAPI has no scheme for a key in a body).
 */
const security: Security = [{ anyKey: [] }, { publishableKeyInQuery: [] }];

const errors = {
  "400": "Invalid body or event (the ingest contract's exact message)",
  "401": "No key, an unknown or revoked key, or a secret key outside the Authorization header",
  "403": "The appspace is on the free plan: Ecommerce events are not available on the free tier",
  "413": "Body larger than 1 MiB",
  "429":
    "Ecommerce event quota exceeded: the appspace's monthly quota is used up (a batch that would cross it is refused whole); Retry-After is the seconds until the UTC month ends",
};

export const trackRoute = defineRoute({
  method: "post",
  path: `${ECOMMERCE}/track`,
  summary: "Send one ecommerce event",
  tags: ["ingest"],
  security,
  body: eventSchema.extend({ key: beaconKey }),
  answer: trackAnswer,
  answerDescription: "Stored (or a repeat, silently ignored)",
  errors,
});

export const batchRoute = defineRoute({
  method: "post",
  path: `${ECOMMERCE}/batch`,
  summary: "Send up to 100 ecommerce events",
  tags: ["ingest"],
  security,
  body: z.object({
    events: z.array(eventSchema).min(1).max(LIMITS.batchEvents),
    key: beaconKey,
    sdk: z
      .object({ dropped: z.number().int().min(0).optional(), expired: z.number().int().min(0).optional() })
      .optional()
      .meta({ description: "What the browser SDK had to drop or expire" }),
  }),
  answer: batchAnswer,
  answerDescription: "Valid events stored; invalid ones skipped with a reason (events[i]: message)",
  errors,
});

export const INGEST_ROUTES = [trackRoute, batchRoute];
