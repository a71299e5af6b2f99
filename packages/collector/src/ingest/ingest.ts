import { validateEvent } from "@tally/schema";
import type { Auth } from "../auth/authenticate.js";
import type { Db } from "../db/open.js";
import type { RatesSource } from "../currency/rates.js";
import { addSdkLosses } from "./events.queries.js";
import { prepareEvent, type RequestFacts } from "./prepare-event.js";
import { storeEvents } from "./store-events.js";
import { DAY_MS, type StoredEvent } from "./stored-event.js";

export interface IngestDeps {
  db: Db;
  clock: () => number;
  rates: RatesSource;
  newId: () => string;
}

/** What the request says about its sender besides the key. */
export interface Sender {
  userAgent?: string;
  country?: string;
}

export type EventResult = { ok: true } | { ok: false; code: string; message: string };

/** What an SDK reports with a batch: events it had to drop or let expire before delivery. */
export interface SdkReport {
  dropped?: number;
  expired?: number;
}

/**
 * Validates, enriches and stores events of one request; the valid ones are stored together in
 * one transaction and the result says, per event, whether it was accepted. Repeats count as
 * accepted: an answer must not reveal deduplication.
 */
export function ingestEvents(deps: IngestDeps, auth: Auth, raw: readonly unknown[], sender: Sender, report?: SdkReport): EventResult[] {
  const facts: RequestFacts = {
    appspace: auth.appspace,
    keyKind: auth.keyKind,
    now: deps.clock(),
    rates: deps.rates.get(),
    newId: deps.newId,
    ...sender,
  };
  const results: EventResult[] = [];
  const valid: StoredEvent[] = [];
  for (const input of raw) {
    const validation = validateEvent(input);
    if (!validation.ok) {
      results.push({ ok: false, code: "ingest.invalid_event", message: validation.message });
      continue;
    }
    const prepared = prepareEvent(validation.value, facts);
    if (!prepared.ok) {
      results.push(prepared);
      continue;
    }
    valid.push(prepared.event);
    results.push({ ok: true });
  }
  const dropped = report?.dropped ?? 0;
  const expired = report?.expired ?? 0;
  deps.db.transaction(() => {
    if (valid.length) storeEvents(deps.db, valid);
    if (dropped || expired) addSdkLosses(deps.db, auth.appspace.seq, Math.floor(facts.now / DAY_MS), dropped, expired);
  })();
  return results;
}
