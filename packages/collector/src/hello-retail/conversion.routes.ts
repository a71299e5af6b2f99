import { Hono } from "hono";
import { noKeyRequired } from "../auth/route-requirement.js";
import { answerOf } from "../http/on-error.js";
import { isPlainObject, readJsonBody } from "../http/read-body.js";
import { ingestEvents, refuseBeforeEvents, type IngestDeps } from "../ingest/ingest.js";
import type { Store } from "../store.js";
import { conversionToPurchase } from "./conversion.js";
import { refuseOnFreePlan } from "../policies/plan-gate.js";
import { outcomeOf, recordsOutcome, refuse } from "../ingest/outcome.js";
import { type Answer, routePath } from "../http/contract.js";
import { conversionRoute } from "./conversion.contract.js";

const fail = (message: string) => ({ success: false, message }) as const;

/**
 * `POST /serve/collect/conversion` (`conversion.contract.ts`), Hello Retail's REST contract: `websiteUuid` is the appspace's
 * website id (its own random id, or the appspace id on appspaces made before it; rotatable),
 * answers are `{ success, message }`, `text/plain` bodies are read as JSON.
 */
export function conversionRoutes(options: IngestDeps & { store: Store; maxBodyBytes: number; countryHeader?: string }) {
  const app = new Hono();
  // No key: Hello Retail's snippet names the appspace by `websiteUuid` in the body.
  app.post(routePath(conversionRoute), recordsOutcome, noKeyRequired, async (c) => {
    const outcome = outcomeOf(c);
    // Every refusal is answered in Hello Retail's shape (never thrown), so it is recorded here.
    const refused = (message: string) => {
      outcome.refused.push(message);
      return c.json(fail(message), 400);
    };
    const refusedBy = (error: unknown) => {
      const answer = answerOf(error);
      if (!answer) return undefined;
      refuse(outcome, error);
      return c.json(fail(answer.message), answer.status, answer.headers);
    };
    let body: unknown;
    try {
      await options.limits?.refuseOverAddressRate(c);
      body = await readJsonBody(c.req.raw, options.maxBodyBytes);
    } catch (error) {
      const answered = refusedBy(error);
      if (answered) return answered;
      throw error;
    }
    if (!isPlainObject(body)) return refused("Request body must be a JSON object");
    const appspace =
      typeof body.websiteUuid === "string" ? await options.store.findAppspaceByWebsiteId(body.websiteUuid) : undefined;
    // Switched off (`appspace update --hello-retail off`) answers as an unknown website: a prober learns nothing.
    if (!appspace || appspace.hello_retail === 0) return refused("Website not found");
    outcome.appspace = appspace.name;
    try {
      const auth = { appspace, keyKind: "publishable" } as const;
      refuseOnFreePlan(appspace);
      refuseBeforeEvents(options, auth);
      const event = conversionToPurchase(body);
      if (typeof event === "string") return refused(event);
      const country = options.countryHeader ? c.req.header(options.countryHeader) : undefined;
      const sender = { userAgent: c.req.header("user-agent"), country };
      const [result] = await ingestEvents(options, { auth, sender, source: { shape: "list", events: [event] } }, [
        event,
      ]);
      if (!result!.ok) return refused(helloRetailMessage(result!.message));
      outcome.accepted = 1;
      return c.json<Answer<typeof conversionRoute>>({ success: true, message: "Conversion tracked" });
    } catch (error) {
      // Hello Retail's shape for every refusal: plan (403), catching up (503), quota (429), store down (503).
      const answered = refusedBy(error);
      if (answered) return answered;
      throw error;
    }
  });
  return app;
}

/** Names the Hello Retail fields in messages that speak of Tally's. */
function helloRetailMessage(message: string): string {
  return message
    .replace(/^transaction_id/, "orderNumber")
    .replace(/^revenue/, "total")
    .replace(/^user_id/, "customerId")
    .replace(/^anonymous_id/, "trackingUserId")
    .replace(/ for purchase events$/, "");
}
