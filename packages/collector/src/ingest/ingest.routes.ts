import { Hono, type Context } from "hono";
import { LIMITS } from "@tally/schema";
import { keyOf, type Auth, type Authenticate } from "../auth/authenticate.js";
import { requireIngestKey, type AuthEnv } from "../auth/route-requirement.js";
import { badRequest, TallyError } from "../errors.js";
import { isPlainObject, readJson } from "../http/read-body.js";
import { refuseOnFreePlan } from "../policies/plan-gate.js";
import { passThrough } from "../limits/pass-through.js";
import { ingestEvents, refuseBeforeEvents, type IngestDeps, type SdkReport, type Sender } from "./ingest.js";
import { outcomeOf, recordsOutcome } from "./outcome.js";
import type { Answer } from "../http/contract.js";
import type { batchRoute, trackRoute } from "./ingest.contract.js";

export interface IngestRouteOptions extends IngestDeps {
  authenticate: Authenticate;
  maxBodyBytes: number;
  /** A header set by a trusted proxy with the visitor's ISO country code (e.g. CF-IPCountry). */
  countryHeader?: string;
}

const BATCH_FIELDS = new Set(["events", "key", "sdk"]);

/**
 * `POST /v1/api/analytics/ecommerce/track` and `/batch`, as the ingest contract fixes them.
 * Bodies may be `application/json` or `text/plain` (beacons); the key may come in the body.
 */
export function ingestRoutes(options: IngestRouteOptions) {
  const app = new Hono<AuthEnv>();
  // A header or query key is checked before the body is read; a body key after.
  const anyKey = requireIngestKey(options.authenticate);
  const byAddress = options.limits?.limitByAddress ?? passThrough;

  async function readAuthenticated(
    c: Context<AuthEnv>,
  ): Promise<{ body: Record<string, unknown>; text: string; auth: Auth; sender: Sender }> {
    const early = c.get("auth") as Auth | undefined;
    const outcome = outcomeOf(c);
    if (early) {
      outcome.appspace = early.appspace.name;
      refuseOnFreePlan(early.appspace);
      refuseBeforeEvents(options, early);
    }
    const { text, value: body } = await readJson(c.req.raw, options.maxBodyBytes);
    if (!isPlainObject(body)) throw badRequest("request.invalid_body", "Request body must be a JSON object");
    const auth = early ?? (await options.authenticate(keyOf(undefined, undefined, body.key)));
    if (!early) {
      outcome.appspace = auth.appspace.name;
      refuseOnFreePlan(auth.appspace);
      refuseBeforeEvents(options, auth);
    }
    const country = options.countryHeader ? c.req.header(options.countryHeader) : undefined;
    // The Shopify pixel says so (`?door=pixel`): only a label for the coverage report's split.
    const door = c.req.query("door") === "pixel" ? "pixel" : undefined;
    return { body, text, auth, sender: { userAgent: c.req.header("user-agent"), country, door } };
  }

  app.post("/track", recordsOutcome, anyKey, byAddress, async (c) => {
    const { body, text, auth, sender } = await readAuthenticated(c);
    const { key: _key, ...event } = body;
    const [result] = await ingestEvents(options, { auth, sender, source: { shape: "event", text } }, [event]);
    if (!result!.ok) throw new TallyError(400, result!.code, result!.message);
    outcomeOf(c).accepted = 1;
    return c.json<Answer<typeof trackRoute>>({ ok: true });
  });

  app.post("/batch", recordsOutcome, anyKey, byAddress, async (c) => {
    const { body, text, auth, sender } = await readAuthenticated(c);
    const events = body.events;
    if (!Array.isArray(events) || events.length === 0) {
      throw badRequest("ingest.events_required", "events array is required and must not be empty");
    }
    if (events.length > LIMITS.batchEvents) throw badRequest("ingest.batch_too_large", "Maximum 100 events per batch");
    const unknown = Object.keys(body).filter((k) => !BATCH_FIELDS.has(k));
    if (unknown.length) throw badRequest("ingest.unknown_field", `unknown field ${unknown.join(", ")}`);
    const report = sdkReport(body.sdk);
    const results = await ingestEvents(options, { auth, sender, source: { shape: "batch", text }, report }, events);
    const errors = results.flatMap((r, i) => (r.ok ? [] : [`events[${i}]: ${r.message}`]));
    const accepted = results.length - errors.length;
    const outcome = outcomeOf(c);
    outcome.accepted = accepted;
    outcome.refused.push(...errors);
    outcome.losses = report;
    return c.json<Answer<typeof batchRoute>>(errors.length ? { ok: true, accepted, errors } : { ok: true, accepted });
  });

  return app;
}

const count = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 1e6;

function sdkReport(value: unknown): SdkReport | undefined {
  if (value === undefined) return undefined;
  if (
    !isPlainObject(value) ||
    (value.dropped !== undefined && !count(value.dropped)) ||
    (value.expired !== undefined && !count(value.expired))
  ) {
    throw badRequest("ingest.invalid_sdk_report", "sdk must be an object with whole-number dropped and expired counts");
  }
  return { dropped: value.dropped as number | undefined, expired: value.expired as number | undefined };
}
