import { validateEvent } from "@tally/schema";
import type { Auth } from "../auth/authenticate.js";
import type { RatesSource } from "../currency/rates.js";
import { TallyError } from "../errors.js";
import type { Projector } from "../projector/projector.js";
import { prepareEvent, type RequestFacts } from "./prepare-event.js";
import { DAY_MS, type StoredEvent } from "./stored-event.js";
import type { WriteQueue } from "./write-queue.js";

export interface IngestDeps {
  writes: WriteQueue;
  projector: Projector;
  /** Past this many acknowledged events not yet projected, ingest answers 503 with Retry-After. */
  maxBacklogEvents: number;
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

/** 503 while projection is too far behind: the SDK keeps its events and sends them again later. */
export function refuseWhenBehind(deps: Pick<IngestDeps, "projector" | "maxBacklogEvents">): void {
  if (deps.projector.backlogEvents() > deps.maxBacklogEvents) {
    throw new TallyError(503, "ingest.behind", "The collector is catching up; send again shortly", { "Retry-After": "2" });
  }
}

/**
 * Validates and enriches the events of one request and appends the valid ones to the inbox as
 * one entry; the result says, per event, whether it was accepted. Repeats count as accepted
 * (the projector drops them later): an answer must not reveal deduplication. Resolves after the
 * inbox commit, so an accepted event is never lost.
 */
export async function ingestEvents(deps: IngestDeps, auth: Auth, raw: readonly unknown[], sender: Sender, report?: SdkReport): Promise<EventResult[]> {
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
  const losses = report && {
    appspaceSeq: auth.appspace.seq,
    day: Math.floor(facts.now / DAY_MS),
    dropped: report.dropped ?? 0,
    expired: report.expired ?? 0,
  };
  if (valid.length || (losses && (losses.dropped || losses.expired))) await deps.writes.write({ events: valid, losses });
  return results;
}
