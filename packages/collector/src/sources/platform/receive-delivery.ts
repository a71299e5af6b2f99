import type { EcommerceEventInput } from "@tally/schema";
import { TallyError } from "../../errors.js";
import { readRawBody } from "../../http/read-body.js";
import { ingestEvents, refuseWhenBehind, type IngestDeps } from "../../ingest/ingest.js";
import type { SourceKind, SourceRow } from "../../model/source.js";
import { settingsOf } from "../../policies/settings.js";
import type { Store } from "../../store.js";
import { shopifySource } from "../shopify/shopify-source.js";
import { stripeSource } from "../stripe/stripe-source.js";
import { wooCommerceSource } from "../woocommerce/woocommerce-source.js";
import { parseLosslessJson } from "./lossless-json.js";
import type { Delivery, Mapping, PlatformSource } from "./platform-source.js";

export const PLATFORMS: Record<SourceKind, PlatformSource> = {
  shopify: shopifySource,
  woocommerce: wooCommerceSource,
  stripe: stripeSource,
};

export interface DeliveryDeps extends IngestDeps {
  store: Store;
  maxBodyBytes: number;
}

/**
 * How a delivery was answered: accepted (events or on purpose nothing), or moved aside with a
 * reason; `taken` is the events that went to the inbox, and whose appspace (by name).
 */
export type DeliveryAnswer =
  | { outcome: "accepted"; taken: Taken }
  | { outcome: "ignored"; reason: string }
  | { outcome: "rejected"; reason: string; taken?: Taken };

export interface Taken {
  appspace: string;
  events: number;
}

/**
 * One webhook delivery to `POST /sources/:id`: the source looked up (404 when unknown or
 * removed), the raw body read under the cap, its signature checked the platform's way before
 * anything is parsed (401, Stripe 400), then mapped and appended to the inbox as server-side
 * events (a secret key's: never refused by the quota, never judged by the bot rule), merged with
 * the browser's copy of the same order by the projector. A verified body that does not map is
 * kept aside with its reason and answered as accepted: a platform disables an endpoint that keeps
 * failing, and sending it again would not change it.
 */
export async function receiveDelivery(deps: DeliveryDeps, sourceId: string, request: Request): Promise<DeliveryAnswer> {
  const source = await deps.store.findSource(sourceId);
  if (!source) throw new TallyError(404, "source.not_found", `No source ${sourceId}`);
  const platform = PLATFORMS[source.kind];
  const raw = await readRawBody(request, deps.maxBodyBytes);
  const delivery: Delivery = {
    header: (name) => request.headers.get(name) ?? undefined,
    raw,
    text: Buffer.from(raw).toString("utf8"),
  };
  if (platform.isPing?.(delivery)) return { outcome: "ignored", reason: "ping" };
  const verified = await platform.verify(delivery, source.secret, deps.clock());
  if (!verified.ok)
    throw new TallyError(
      platform.badSignatureStatus,
      "source.invalid_signature",
      `The ${source.kind} signature does not verify: ${verified.reason}`,
    );

  const reject = async (reason: string): Promise<{ outcome: "rejected"; reason: string }> => {
    await deps.store.rejectDelivery({ source_id: source.id, received_at: deps.clock(), reason, body: delivery.text });
    return { outcome: "rejected", reason };
  };
  let mapping: Mapping;
  try {
    mapping = await platform.map(parseLosslessJson(delivery.text), delivery, memoryOf(deps.store, source));
  } catch (error) {
    // Whatever the body's shape made the mapping trip over, the answer is the same: kept aside, 200.
    return reject(
      error instanceof SyntaxError ? "the body is not JSON" : error instanceof Error ? error.message : String(error),
    );
  }
  if (mapping.kind === "ignored") return { outcome: "ignored", reason: mapping.reason };
  if (mapping.kind === "unmappable") return reject(mapping.reason);
  return ingest(deps, source, mapping.events, mapping.remember ?? [], reject);
}

async function ingest(
  deps: DeliveryDeps,
  source: SourceRow,
  events: EcommerceEventInput[],
  remember: Array<[string, string]>,
  reject: (reason: string) => Promise<{ outcome: "rejected"; reason: string }>,
): Promise<DeliveryAnswer> {
  const appspace = await deps.store.findAppspaceById(source.appspace_id);
  if (!appspace) throw new TallyError(404, "source.not_found", `No source ${source.id}`);
  if (settingsOf(appspace).plan === "free") return reject("Ecommerce events are not available on the free tier");
  refuseWhenBehind(deps, appspace.seq);
  const results = await ingestEvents(
    deps,
    { auth: { appspace, keyKind: "secret" }, sender: { door: source.kind }, source: { shape: "list", events } },
    events,
  );
  for (const [key, value] of remember) await deps.store.setSourceState(source.id, key, value);
  const refused = results.flatMap((r, i) => (r.ok ? [] : [`events[${i}]: ${r.message}`]));
  const taken = { appspace: appspace.name, events: results.length - refused.length };
  if (refused.length) return { ...(await reject(refused.join("; "))), taken };
  return { outcome: "accepted", taken };
}

function memoryOf(store: Store, source: SourceRow) {
  return {
    get: (key: string) => store.sourceState(source.id, key),
    set: async (key: string, value: string) => void (await store.setSourceState(source.id, key, value)),
  };
}
