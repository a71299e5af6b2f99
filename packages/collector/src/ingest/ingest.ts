import { validateEvent } from "@tally/schema";
import type { Auth } from "../auth/authenticate.js";
import type { RatesSource } from "../currency/rates.js";
import { TallyError } from "../errors.js";
import type { Projector } from "../projector/projector.js";
import type { IdentityLink } from "../store.js";
import { encodeEntry, ratesSubset, type EntrySource } from "./inbox-entry.js";
import { admitEvent, browserUserAgentOf, currenciesOf, type RequestFacts } from "./prepare-event.js";
import { mayHoldUnstorableText, unstorableTextAt } from "./unstorable-text.js";
import { keptLinks } from "./identity-links.js";
import { botRule } from "../policies/fraud/bot.js";
import type { FraudInput } from "../policies/fraud/fraud-input.js";
import { settingsOf } from "../policies/settings.js";
import { DAY_MS } from "../model/time.js";
import type { WriteQueue } from "./write-queue.js";
import type { QuotaGate } from "../policies/quota.js";
import type { ClientLimits } from "../limits/client-limits.js";

const eventIdOf = (input: unknown) => {
  const id = (input as { event_id?: unknown }).event_id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
};

export interface IngestDeps {
  writes: WriteQueue;
  projector: Projector;
  /** Past this many acknowledged events not yet projected, ingest answers 503 with Retry-After. */
  maxBacklogEvents: number;
  clock: () => number;
  rates: RatesSource;
  newId: () => string;
  /** The monthly quota; absent where nothing counts (imports). */
  quota?: QuotaGate;
  /** Token buckets on browser traffic; absent where nothing is limited (imports). */
  limits?: ClientLimits;
  /** Hears how many accepted events of a request a fraud rule at block will drop (the answer must not say). */
  recordDrops?: (auth: Auth, rule: string, events: number, now: number) => void;
}

/** What the request says about its sender besides the key. */
export interface Sender {
  userAgent?: string;
  country?: string;
  /** The door it came through, when not the key's own (see `SERVER_SOURCES`, `BROWSER_DOORS`). */
  door?: string;
}

export type EventResult = { ok: true } | { ok: false; code: string; message: string };

/** What an SDK reports with a batch: events it had to drop or let expire before delivery. */
export interface SdkReport {
  dropped?: number;
  expired?: number;
}

/** One request to ingest: who sent it, where its events stand in its body, and what else it reports. */
export interface IngestRequest {
  auth: Auth;
  sender: Sender;
  source: EntrySource;
  report?: SdkReport;
  links?: IdentityLink[];
  /** An import's events: judged by the fraud rules like any, but they fire no webhooks. */
  imported?: boolean;
}

/**
 * What every ingest route checks once it knows the key, before the events: the appspace's
 * browser traffic within its rate (429), projection not too far behind (503).
 */
export function refuseBeforeEvents(
  deps: Pick<IngestDeps, "projector" | "maxBacklogEvents" | "limits">,
  auth: Auth,
): void {
  deps.limits?.refuseOverKeyRate(auth);
  refuseWhenBehind(deps, auth.appspace.seq);
}

/**
 * 503 while the appspace's projection is too far behind: the SDK keeps its events and sends them
 * again later. The bound is per appspace, so one appspace's burst never refuses another's events.
 */
export function refuseWhenBehind(deps: Pick<IngestDeps, "projector" | "maxBacklogEvents">, appspaceSeq: number): void {
  if (deps.projector.backlogEvents(appspaceSeq) > deps.maxBacklogEvents) {
    throw new TallyError(503, "ingest.behind", "The collector is catching up; send again shortly", {
      "Retry-After": "2",
    });
  }
}

/**
 * The ingest contract's verdict on each event (validation, then what the answer depends on
 * besides: timestamp limits, known currencies, bounded values, no U+0000 nor lone surrogate —
 * looked for only when `mayHoldBadText`),
 * without writing anything; the accepted events' positions and the currencies they need rates for.
 */
export function admitEvents(raw: readonly unknown[], facts: RequestFacts, mayHoldBadText = true) {
  const results: EventResult[] = [];
  const accepted: number[] = [];
  const currencies = new Set([facts.appspace.currency]);
  const dropsBot = settingsOf(facts.appspace).fraud.bot === "block";
  let botDrops = 0;
  // The bot rule's verdict per User-Agent: a request's events mostly share one, and the rule is a large pattern.
  const isBot = new Map<string | undefined, boolean>();
  const judgedBot = (userAgent: string | undefined) => {
    let verdict = isBot.get(userAgent);
    if (verdict === undefined)
      isBot.set(userAgent, (verdict = botRule.fires({ browserUserAgent: userAgent } as FraudInput)));
    return verdict;
  };
  raw.forEach((input, i) => {
    const validation = validateEvent(input);
    if (!validation.ok) {
      results.push({ ok: false, code: "ingest.invalid_event", message: validation.message });
      return;
    }
    const bad = mayHoldBadText ? unstorableTextAt(input) : undefined;
    if (bad) {
      results.push({ ok: false, code: "ingest.invalid_event", message: `${bad.path} ${bad.message}` });
      return;
    }
    const admitted = admitEvent(validation.value, facts);
    if (!admitted.ok) {
      results.push(admitted);
      return;
    }
    for (const code of currenciesOf(validation.value, facts.appspace.currency)) currencies.add(code);
    if (dropsBot && judgedBot(browserUserAgentOf(validation.value, facts))) botDrops++;
    accepted.push(i);
    results.push({ ok: true });
  });
  return { results, accepted, currencies, botDrops };
}

/**
 * Validates and admits the events of one request and appends the accepted ones to the inbox as
 * one entry, with the facts only the request knows; the result says, per event, whether it was
 * accepted. Repeats count as accepted (the projector drops them later): an answer must not
 * reveal deduplication. Resolves after the inbox commit, so an accepted event is never lost.
 * With a quota, the accepted events are counted in that same commit, or the whole request is
 * refused (429) when they would cross it. `raw` is the request's events, parsed;
 * `request.source` is where they stand in its body.
 */
export async function ingestEvents(
  deps: IngestDeps,
  request: IngestRequest,
  raw: readonly unknown[],
): Promise<EventResult[]> {
  const { auth, sender, source, report } = request;
  const rates = deps.rates.get();
  const facts: RequestFacts = {
    appspace: auth.appspace,
    keyKind: auth.keyKind,
    now: deps.clock(),
    rates,
    newId: deps.newId,
    ...sender,
  };
  const mayHoldBadText = source.shape === "list" || mayHoldUnstorableText(source.text);
  const { results, accepted, currencies, botDrops } = admitEvents(raw, facts, mayHoldBadText);
  const losses =
    report && (report.dropped || report.expired)
      ? {
          appspaceSeq: auth.appspace.seq,
          day: Math.floor(facts.now / DAY_MS),
          dropped: report.dropped ?? 0,
          expired: report.expired ?? 0,
        }
      : undefined;
  const kept = request.links?.length ? keptLinks(request.links, auth, sender.userAgent) : [];
  const links = kept.length ? kept : undefined;
  const charge =
    accepted.length && deps.quota
      ? await deps.quota.reserve(
          auth.appspace,
          auth.keyKind,
          accepted.map((i) => eventIdOf(raw[i])),
          facts.now,
        )
      : undefined;
  if (accepted.length || losses || links) {
    const { newId: _, ...kept } = facts;
    const entryFacts = {
      ...kept,
      rates: ratesSubset(rates, currencies),
      ...(request.imported ? { imported: true } : {}),
    };
    const entry = encodeEntry(entryFacts, source, accepted.length === raw.length ? null : accepted, accepted.length, {
      losses,
      links,
    });
    try {
      await deps.writes.write(charge ? { ...entry, quota: charge } : entry);
    } catch (error) {
      deps.quota?.settle(charge, false);
      throw error;
    }
    deps.quota?.settle(charge, true);
    if (botDrops && !request.imported) deps.recordDrops?.(auth, botRule.name, botDrops, facts.now);
  }
  return results;
}
