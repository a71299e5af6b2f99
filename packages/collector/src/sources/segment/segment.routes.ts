import { Hono, type Context } from "hono";
import type { Authenticate, PresentedKey } from "../../auth/authenticate.js";
import { writeKeyRequired } from "../../auth/route-requirement.js";
import { badRequest } from "../../errors.js";
import { isPlainObject, readJson } from "../../http/read-body.js";
import { ingestEvents, refuseBeforeEvents, type IngestDeps } from "../../ingest/ingest.js";
import type { IdentityLink } from "../../store.js";
import { parseTimestamp } from "@tally/schema";
import { passThrough } from "../../limits/pass-through.js";
import { mapSegmentMessage } from "./segment-message.js";
import { refuseOnFreePlan } from "../../policies/plan-gate.js";
import { outcomeOf, recordsOutcome } from "../../ingest/outcome.js";
import { type Answer, routePath } from "../../http/contract.js";
import {
  MAX_SEGMENT_BATCH,
  SEGMENT_BATCH_ROUTES,
  SEGMENT_MESSAGE_ROUTES,
  type segmentBatchRoute,
} from "./segment.contract.js";

export interface SegmentRouteOptions extends IngestDeps {
  authenticate: Authenticate;
  maxBodyBytes: number;
  countryHeader?: string;
}

/**
 * The write key as Segment's and RudderStack's clients send it: the user of Basic auth (the same
 * key may also stand in the body's `writeKey`; the header wins), or a Bearer token.
 */
export function writeKeyOf(authorization: string | undefined, body: Record<string, unknown>): PresentedKey | undefined {
  const basic = authorization?.match(/^Basic\s+(\S+)\s*$/i)?.[1];
  const user = basic && Buffer.from(basic, "base64").toString("utf8").split(":")[0];
  if (user) return { value: user, in: "header" };
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return { value: bearer, in: "header" };
  return typeof body.writeKey === "string" && body.writeKey ? { value: body.writeKey, in: "write-key" } : undefined;
}

/**
 * Segment's HTTP tracking API: `POST /v1/batch`, `/v1/track`, `/v1/identify`, `/v1/page`, so a
 * shop's existing `analytics-node`, RudderStack or MetaRouter set-up can point at Tally. V2
 * Ecommerce events become Tally's events (a secret write key means server-side, as elsewhere);
 * `identify` (and a `page` with both ids) links an anonymous id to a user; anything else is
 * accepted and ignored, as a Segment destination would. Answers `{ "success": true }`.
 */
export function segmentRoutes(options: SegmentRouteOptions) {
  const app = new Hono();
  const byAddress = options.limits?.limitByAddress ?? passThrough;
  // At their contracts' paths (`segment.contract.ts`), which app.ts also opens to CORS.
  for (const route of SEGMENT_BATCH_ROUTES)
    app.post(routePath(route), recordsOutcome, writeKeyRequired, byAddress, (c) =>
      receiveSegment(options, c, undefined),
    );
  for (const { type, route } of SEGMENT_MESSAGE_ROUTES)
    app.post(routePath(route), recordsOutcome, writeKeyRequired, byAddress, (c) => receiveSegment(options, c, type));
  return app;
}

/**
 * One Segment request: a single message of `type`, or (`undefined`) a `{ "batch": [...] }`; the
 * write key from Basic auth or the body's `writeKey`. Answers `{ "success": true }`, with the
 * messages the ingest contract refused listed in a batch.
 */
export async function receiveSegment(options: SegmentRouteOptions, c: Context, type: string | undefined) {
  const { value } = await readJson(c.req.raw, options.maxBodyBytes);
  if (!isPlainObject(value)) throw badRequest("request.invalid_body", "Request body must be a JSON object");
  const auth = await options.authenticate(writeKeyOf(c.req.header("authorization"), value));
  const outcome = outcomeOf(c);
  outcome.appspace = auth.appspace.name;
  refuseOnFreePlan(auth.appspace);
  refuseBeforeEvents(options, auth);
  let messages: unknown[];
  if (type === undefined) {
    if (!Array.isArray(value.batch)) throw badRequest("segment.batch_required", "batch array is required");
    if (value.batch.length > MAX_SEGMENT_BATCH)
      throw badRequest("segment.batch_too_large", `Maximum ${MAX_SEGMENT_BATCH} messages per batch`);
    messages = value.batch;
  } else messages = [{ ...value, type }];

  const events: unknown[] = [];
  const links: IdentityLink[] = [];
  const errors: string[] = [];
  const now = options.clock();
  messages.forEach((message, i) => {
    if (!isPlainObject(message)) return errors.push(`batch[${i}]: message must be a JSON object`);
    const context = isPlainObject(message.context)
      ? message.context
      : isPlainObject(value.context)
        ? value.context
        : undefined;
    const mapped = mapSegmentMessage({ ...message, context }, typeof message.type === "string" ? message.type : "");
    if (mapped.kind === "event") events.push(mapped.event);
    else if (mapped.kind === "link") {
      const ts = mapped.timestamp === undefined ? now : Math.min(now, parseTimestamp(mapped.timestamp));
      links.push({
        appspaceSeq: auth.appspace.seq,
        anonymousId: mapped.anonymousId,
        userId: mapped.userId,
        ts: Number.isNaN(ts) ? now : ts,
      });
    }
  });
  const country = options.countryHeader ? c.req.header(options.countryHeader) : undefined;
  const sender = {
    userAgent: c.req.header("user-agent"),
    country,
    door: auth.keyKind === "publishable" ? "segment_browser" : undefined,
  };
  const results = await ingestEvents(options, { auth, sender, source: { shape: "list", events }, links }, events);
  results.forEach((r, i) => {
    if (!r.ok) errors.push(`events[${i}]: ${r.message}`);
  });
  if (type !== undefined && errors.length)
    throw badRequest("ingest.invalid_event", errors[0]!.replace(/^events\[0\]: /, ""));
  outcome.accepted = results.filter((r) => r.ok).length;
  outcome.refused.push(...errors);
  return c.json<Answer<ReturnType<typeof segmentBatchRoute>>>(
    errors.length ? { success: true, errors } : { success: true },
  );
}
