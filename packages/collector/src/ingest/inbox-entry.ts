import { validateEvent } from "@tally/schema";
import type { RatesTable } from "../currency/rates.js";
import type { DecodedEntry, IdentityLink, InboxEntry, SdkLosses } from "../store.js";
import { prepareEvent, type RequestFacts } from "./prepare-event.js";
import { settingsOf } from "../policies/settings.js";

/** The version of the entry text this collector writes and reads; another is moved aside by the projector. */
export const ENTRY_VERSION = 1;

/** What a request knew besides its body, as the inbox keeps it (rates only for the currencies its events use). */
export type EntryFacts = Omit<RequestFacts, "newId"> & { imported?: boolean };

/**
 * Where an entry's events are in its body: the whole request body as it came (`batch`: its
 * `events`; `event`: the body itself, less its `key`), or a list of events the route made.
 */
export type EntrySource = { shape: "batch" | "event"; text: string } | { shape: "list"; events: readonly unknown[] };

/**
 * An inbox entry for one request: its facts, its SDK loss report, which of its events were
 * accepted (`null`: all), and the body as it came. Re-using the body's own text keeps the
 * request path from serialising every event again; the projector parses it once more.
 */
export function encodeEntry(
  facts: EntryFacts,
  source: EntrySource,
  accepted: number[] | null,
  events: number,
  extra: { losses?: SdkLosses; links?: IdentityLink[] } = {},
): InboxEntry {
  const body = source.shape === "list" ? JSON.stringify(source.events) : source.text;
  const text = `{"v":${ENTRY_VERSION},"f":${JSON.stringify(facts)},"l":${JSON.stringify(extra.losses ?? null)},"k":${JSON.stringify(extra.links ?? null)},"i":${JSON.stringify(accepted)},"s":"${source.shape}","b":${body}}`;
  return { appspaceSeq: facts.appspace.seq, text, events };
}

/** Only the rates an entry's events need, so an entry stays small. */
export function ratesSubset(table: RatesTable, currencies: Iterable<string>): RatesTable {
  const rates: Record<string, number> = {};
  for (const code of currencies) if (table.rates[code] !== undefined) rates[code] = table.rates[code];
  return { base: table.base, timestamp: table.timestamp, rates };
}

interface EntryJson {
  v: number;
  f: EntryFacts;
  l: SdkLosses | null;
  k?: IdentityLink[] | null;
  i: number[] | null;
  s: "batch" | "event" | "list";
  b: unknown;
}

/**
 * The events of an entry, validated and prepared again from the same facts, so they come out as
 * they were admitted. Throws (and the projector moves the entry aside) on an entry this version
 * cannot read.
 */
export function decodeEntry(text: string, newId: () => string): DecodedEntry {
  let entry: EntryJson;
  try {
    entry = JSON.parse(text) as EntryJson;
  } catch {
    throw new Error("inbox entry is not valid JSON");
  }
  if (entry?.v !== ENTRY_VERSION)
    throw new Error(`inbox entry version ${entry?.v} is not one this collector reads (${ENTRY_VERSION})`);
  const all = eventsOf(entry);
  const picked = entry.i === null ? all : entry.i.map((i) => all[i]);
  const { imported: _, ...requestFacts } = entry.f;
  // Entries of imports written before doors were recorded say only that they were imports.
  const facts: RequestFacts = {
    ...requestFacts,
    door: requestFacts.door ?? (entry.f.imported ? "import" : undefined),
    newId,
  };
  const events = picked.map((input, n) => {
    const validation = validateEvent(input);
    if (!validation.ok) throw new Error(`inbox entry event ${n}: ${validation.message}`);
    const prepared = prepareEvent(validation.value, facts);
    if (!prepared.ok) throw new Error(`inbox entry event ${n}: ${prepared.message}`);
    return prepared.event;
  });
  return {
    events,
    losses: entry.l ?? undefined,
    links: entry.k ?? undefined,
    policy: { settings: settingsOf(entry.f.appspace), imported: entry.f.imported },
  };
}

/**
 * An entry's text without the events that name any of `needles` (as a JSON string value), for
 * an erase: the other events as a list entry, or `null` when nothing else is left or the text
 * cannot be read as an entry (then it goes whole). Facts, loss reports and identity links that
 * name the person take the entry with them.
 */
export function entryWithout(text: string, needles: readonly string[]): string | null {
  const quoted = needles.filter(Boolean).map((n) => JSON.stringify(n));
  const names = (value: unknown) => {
    const json = JSON.stringify(value) ?? "";
    return quoted.some((q) => json.includes(q));
  };
  let entry: EntryJson;
  let events: unknown[];
  try {
    entry = JSON.parse(text) as EntryJson;
    const all = eventsOf(entry);
    events = entry.i === null ? all : entry.i.map((i) => all[i]);
  } catch {
    return null;
  }
  if (entry.v !== ENTRY_VERSION || names(entry.f) || names(entry.l) || names(entry.k)) return null;
  const kept = events.filter((e) => !names(e));
  if (kept.length === 0) return null;
  const losses = entry.l ?? undefined;
  const links = entry.k ?? undefined;
  return encodeEntry(entry.f, { shape: "list", events: kept }, null, kept.length, { losses, links }).text;
}

function eventsOf(entry: EntryJson): unknown[] {
  const body = entry.b as Record<string, unknown> | unknown[];
  if (entry.s === "list" && Array.isArray(body)) return body;
  if (entry.s === "batch" && !Array.isArray(body) && Array.isArray(body?.events)) return body.events as unknown[];
  if (entry.s === "event" && !Array.isArray(body) && typeof body === "object" && body !== null) {
    const { key: _key, ...event } = body;
    return [event];
  }
  throw new Error(`inbox entry has no events for shape ${String(entry.s)}`);
}
