import { local, localJson } from "./local-storage.js";
import type { Entry } from "./outbox.js";

/** An event on its way into the outbox: the entry, and the order it claims, if any. */
export type Incoming = [entry: Entry, order?: string];

const KEY = "_tally_q";

/**
 * The journal in localStorage of events on their way into the outbox. IndexedDB writes are
 * asynchronous, and a page that goes right after the call (`hrq.push(…); location.href = …`)
 * takes with it any transaction that has not committed yet, including one queued behind the
 * SDK's own. localStorage is written at once: what the journal holds is put in the outbox by
 * whichever page starts next, and the once-per-order claim makes doing it twice harmless.
 *
 * @example
 * journal().forEach(([entry, order]) => outbox.add(entry, order)); // a page starting
 */
export function journal(): Incoming[] {
  return localJson<Incoming[]>(KEY) || [];
}

/**
 * Writes `incoming` into the journal, or with `done`, takes that entry out of it; with neither,
 * empties it (consent withdrawn).
 *
 * @example
 * note([entry, order]);
 * await outbox.add(entry, order);
 * note(undefined, entry.id);
 */
export function note(incoming?: Incoming, done?: string): void {
  const kept = journal().filter(([entry]) => entry.id != done);
  local(KEY, incoming || done ? JSON.stringify(incoming ? [...kept, incoming] : kept) : null);
}
