// Segment's HTTP tracking API as Tally answers it: a batch, or one message by type.
import { segmentAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute, type RouteContract } from "../../http/contract.js";

/** The single-message routes, by Segment's message types. */
export const SEGMENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;

/** Messages in one `/v1/batch`: Segment caps a batch at 500 KB, far below this many messages. */
export const MAX_SEGMENT_BATCH = 2500;

const message = z.record(z.string(), z.unknown()).meta({
  description:
    "A Segment message: type, event, userId, anonymousId, messageId, timestamp or originalTimestamp, properties, context",
});

const segment = {
  method: "post" as const,
  tags: ["segment"],
  security: [{ writeKey: [] }],
  answer: segmentAnswer,
  answerDescription:
    "Accepted (events Tally has no type for are accepted and ignored); messages the ingest contract refuses are listed in errors",
  errors: {
    "400": "Not a batch, or (single message) refused by the ingest contract",
    "401": "Missing or unknown write key",
    "403": "Ecommerce events are not available on the free tier",
    "413": "The body is larger than the cap",
    "429": "Ecommerce event quota exceeded, or too many requests from the address (Retry-After)",
    "503": "Catching up: send again after Retry-After",
  },
};

/** A batch route, `{ "batch": [...] }` (gzip bodies accepted). */
export const segmentBatchRoute = (path: string) =>
  defineRoute({
    ...segment,
    path,
    summary: "Segment batch (gzip bodies accepted)",
    body: z.object({
      batch: z.array(message).max(MAX_SEGMENT_BATCH),
      writeKey: z.string().optional(),
      context: z.record(z.string(), z.unknown()).optional(),
    }),
  });

/** A single-message route: one message of `type`. */
export const segmentMessageRoute = (type: string, path: string) =>
  defineRoute({
    ...segment,
    path,
    summary: `Segment ${type}`,
    description:
      type === "track"
        ? "V2 Ecommerce events become Tally's 13 types (Order Completed → purchase: order_id → transaction_id, total else revenue, products[] → items; messageId → event_id)."
        : type === "identify" || type === "page" || type === "alias"
          ? "With both anonymousId and userId, links the anonymous id to the user (identity stitching)."
          : "Accepted and ignored.",
    body: message,
  });

export const SEGMENT_BATCH_ROUTES = [segmentBatchRoute("/v1/batch"), segmentBatchRoute("/v1/import")];
/** The single-message routes with the message type each stands for. */
export const SEGMENT_MESSAGE_ROUTES = SEGMENT_TYPES.map((type) => ({
  type,
  route: segmentMessageRoute(type, `/v1/${type}`),
}));

export const SEGMENT_ROUTES: RouteContract[] = [...SEGMENT_BATCH_ROUTES, ...SEGMENT_MESSAGE_ROUTES.map((m) => m.route)];
