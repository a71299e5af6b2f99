import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { answerOf, INTERNAL_ERROR } from "../http/on-error.js";
import type { SdkReport } from "./ingest.js";

/**
 * What one ingest request did, recorded by its route as it happens (for the metrics, which only
 * read it): the appspace, events accepted, refusals and what an SDK reported it lost.
 */
export interface IngestOutcome {
  /** The appspace's name once the route knows it (never its id: that is Hello Retail's credential). */
  appspace?: string;
  accepted: number;
  /** A message per refused event, or one for a refused request. */
  refused: string[];
  /** The request was refused because the appspace's monthly quota is used up. */
  quotaRefused: boolean;
  /** Events the sending SDK reported it dropped or let expire, with a batch that was taken. */
  losses?: SdkReport;
}

export type OutcomeEnv = { Variables: { outcome: IngestOutcome } };

const QUOTA_CODE = "ingest.quota_exceeded";

/**
 * Declares, first in an ingest route's handlers, that the route records its outcome on the
 * context (`outcomeOf(c)`); a refusal the route throws (a bad key, a body too large, the quota)
 * is recorded here with the message its answer carries.
 *
 * @example
 * app.post("/track", recordsOutcome, requireIngestKey(authenticate), async (c) => { outcomeOf(c).accepted = 1; … });
 */
export const recordsOutcome: MiddlewareHandler = createMiddleware<OutcomeEnv>(async (c, next) => {
  c.set("outcome", { accepted: 0, refused: [], quotaRefused: false });
  await next();
  if (c.error) refuse(c.var.outcome, c.error);
});

/** The outcome the route is recording; a route that did not declare `recordsOutcome` has none to record into. */
export function outcomeOf(c: Context): IngestOutcome {
  const outcome = c.get("outcome") as IngestOutcome | undefined;
  if (!outcome)
    throw new Error(`${c.req.method} ${c.req.path} records an ingest outcome without declaring recordsOutcome`);
  return outcome;
}

/** The outcome recorded for a request, if its route is an ingest route (the metrics' read). */
export function recordedOutcome(c: Context): IngestOutcome | undefined {
  return c.get("outcome") as IngestOutcome | undefined;
}

/** Records a refused request: by the message its answer carries (a quota refusal marked as such). */
export function refuse(outcome: IngestOutcome, error: unknown): void {
  const answer = answerOf(error) ?? INTERNAL_ERROR;
  outcome.refused.push(answer.message);
  if (answer.code === QUOTA_CODE) outcome.quotaRefused = true;
}
