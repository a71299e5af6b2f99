import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { InboxEntry, Positions, ProjectionStep } from "../../store.js";

/** The shape of an entry's body this collector writes; an entry of another version is moved aside. */
export const INBOX_VERSION = 1;

/** Appends the entries in one transaction: a group commit. */
export function appendEntries(db: Db, entries: readonly InboxEntry[]): void {
  const insert = prepared(db, "INSERT INTO inbox (v, events, body) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (const entry of entries) insert.run(INBOX_VERSION, entry.events.length, JSON.stringify(entry));
  })();
}

export function readPositions(db: Db): Positions {
  return prepared<[], Positions>(
    db,
    `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'inbox'), 0) AS appended,
            (SELECT position FROM projector_state) AS projected,
            (SELECT coalesce(sum(events), 0) FROM inbox WHERE seq > (SELECT position FROM projector_state)) AS backlogEvents`,
  ).get()!;
}

/**
 * Applies the entries after the projector's position, about `maxEvents` events' worth, in one
 * immediate transaction that also moves the position and deletes what it applied: a crash at
 * any instant leaves either all of it or none. Each entry is applied under a savepoint; one that
 * cannot be read or applied is moved to `inbox_rejected` with the reason instead of blocking
 * the entries behind it.
 */
export function projectEntries(db: Db, maxEvents: number, apply: (entry: InboxEntry) => void, now: number): ProjectionStep {
  const applyOne = db.transaction((body: string, v: number) => apply(decodeEntry(body, v)));
  return db
    .transaction((): ProjectionStep => {
      const position = prepared<[], { position: number }>(db, "SELECT position FROM projector_state").get()!.position;
      const sizes = prepared<[number, number], { seq: number; events: number }>(
        db,
        "SELECT seq, events FROM inbox WHERE seq > ? ORDER BY seq LIMIT ?",
      ).all(position, Math.max(1, maxEvents));
      let last = position;
      let events = 0;
      for (const s of sizes) {
        if (events > 0 && events + s.events > maxEvents) break;
        last = s.seq;
        events += s.events;
      }
      if (last === position) return { entries: 0, events: 0, position, rejected: [] };
      const rows = prepared<[number, number], { seq: number; v: number; body: string }>(
        db,
        "SELECT seq, v, body FROM inbox WHERE seq > ? AND seq <= ? ORDER BY seq",
      ).all(position, last);
      const rejected: ProjectionStep["rejected"] = [];
      for (const row of rows) {
        try {
          applyOne(row.body, row.v);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          rejected.push({ seq: row.seq, reason });
          prepared(db, "INSERT OR REPLACE INTO inbox_rejected (seq, reason, body, rejected_at) VALUES (?, ?, ?, ?)").run(
            row.seq,
            reason,
            row.body,
            now,
          );
        }
      }
      prepared(db, "UPDATE projector_state SET position = ?").run(last);
      prepared(db, "DELETE FROM inbox WHERE seq <= ?").run(last);
      return { entries: rows.length, events, position: last, rejected };
    })
    .immediate();
}

function decodeEntry(body: string, v: number): InboxEntry {
  if (v !== INBOX_VERSION) throw new Error(`inbox entry version ${v} is not one this collector reads (${INBOX_VERSION})`);
  let entry: unknown;
  try {
    entry = JSON.parse(body);
  } catch {
    throw new Error("inbox entry is not valid JSON");
  }
  if (typeof entry !== "object" || entry === null || !Array.isArray((entry as InboxEntry).events)) {
    throw new Error("inbox entry has no events list");
  }
  return entry as InboxEntry;
}
