import { createHash } from "node:crypto";
import type { RatesSource } from "../../currency/rates.js";
import { uuidv7 } from "../../ingest/event-id.js";
import { admitEvents, ingestEvents } from "../../ingest/ingest.js";
import { createWriteQueue } from "../../ingest/write-queue.js";
import { SEEN_BY_SERVER } from "../../model/stored-event.js";
import { createProjector } from "../../projector/projector.js";
import type { AppspaceRow, Store } from "../../store.js";
import type { FeedRecord } from "./feed-order.js";

export interface ImportSummary {
  /** Orders (or events) new to the appspace. */
  imported: number;
  /** Orders the browser had reported, now merged with the feed's (server-side) copy. */
  merged: number;
  /** Orders the appspace already had from a server-side source: nothing added. */
  present: number;
  /** Records refused, with where they stood and why. */
  skipped: Array<{ where: string; reason: string }>;
}

export interface ImportOptions {
  store: Store;
  appspace: AppspaceRow;
  rates: RatesSource;
  dryRun?: boolean;
  clock?: () => number;
  /** Told how many records are done so far. */
  onProgress?: (done: number, total: number) => void;
}

const CHUNK = 500;
const IMPORT_SLICE_EVENTS = 10_000;

/**
 * Imports feed records as server-side events (a secret key's: back-dated anywhere inside the
 * retention, merged with the browser's purchase of the same order): validated as the ingest
 * contract validates, appended to the inbox in chunks, then projected before it returns, so a
 * collector serving the same database answers with them once the import is done. Idempotent:
 * an event without an id gets one derived from the appspace and the record (an order's from its
 * order id), and a purchase counts once per order id, so running a feed again adds nothing.
 */
export async function importFeed(records: readonly FeedRecord[], options: ImportOptions): Promise<ImportSummary> {
  const { store, appspace } = options;
  const clock = options.clock ?? Date.now;
  const summary: ImportSummary = { imported: 0, merged: 0, present: 0, skipped: [] };
  // A batch job serves no requests between steps: slices of about a second (up to 10,000 events)
  // sum more orders' read-table rows, most shared by orders of the same day, per write.
  const projector = createProjector({ store, log: () => {}, sliceEvents: IMPORT_SLICE_EVENTS, stepMs: 1000 });
  const deps = {
    writes: createWriteQueue(store, () => {}),
    projector,
    maxBacklogEvents: Number.POSITIVE_INFINITY,
    clock,
    rates: options.rates,
    newId: () => uuidv7(),
  };
  const auth = { appspace, keyKind: "secret" as const };
  const seenInFeed = new Set<string>();

  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const usable = chunk.filter((r) => {
      if (typeof r.event === "string") summary.skipped.push({ where: r.where, reason: r.event });
      return typeof r.event !== "string";
    });
    const events = usable.map((r) => withDerivedId(r.event as Record<string, unknown>, appspace.id));
    const orderIds = events
      .filter((e) => e.event_type === "purchase" && typeof e.transaction_id === "string")
      .map((e) => e.transaction_id as string);
    const before = await store.ordersSeen(appspace.seq, orderIds);
    const known = await store.knownEventIds(
      appspace.seq,
      events.filter((e) => e.event_type !== "purchase").map((e) => String(e.event_id)),
    );
    const results = options.dryRun
      ? admitEvents(events, {
          appspace,
          keyKind: "secret",
          now: clock(),
          rates: options.rates.get(),
          newId: deps.newId,
        }).results
      : await ingestEvents(deps, { auth, sender: {}, source: { shape: "list", events }, imported: true }, events);
    results.forEach((result, i) => {
      if (!result.ok) return summary.skipped.push({ where: usable[i]!.where, reason: result.message });
      const e = events[i]!;
      const order = e.event_type === "purchase" ? String(e.transaction_id) : undefined;
      const seen = order === undefined ? undefined : before.get(order);
      if (order === undefined) {
        if (known.has(String(e.event_id))) summary.present++;
        else summary.imported++;
      } else if (seenInFeed.has(order)) summary.present++;
      else if (seen === undefined) summary.imported++;
      else if (seen & SEEN_BY_SERVER || seen === 0) summary.present++;
      else summary.merged++;
      if (order !== undefined) seenInFeed.add(order);
    });
    options.onProgress?.(Math.min(records.length, start + CHUNK), records.length);
  }
  await projector.drain();
  await projector.stop();
  return summary;
}

/** The record's own event_id, else one derived from what identifies it, so a re-run is a repeat. */
function withDerivedId(event: Record<string, unknown>, appspaceId: string): Record<string, unknown> {
  if (event.event_id !== undefined) return event;
  const identity =
    event.event_type === "purchase" || event.event_type === "refund"
      ? `${event.event_type}:${String(event.transaction_id)}`
      : JSON.stringify(event);
  const hash = createHash("sha256").update(`import:${appspaceId}:${identity}`).digest("hex");
  return { ...event, event_id: `import-${hash.slice(0, 32)}` };
}
