import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { InboxEntry, Positions, ProjectionStep } from "../../store.js";

/** The two connections of a SQLite store: the main file and the inbox file. */
export interface Files {
  db: Db;
  inbox: Db;
}

/** Applied entries are removed from the inbox once this many have piled up. */
export const COMPACT_EVERY = 256;

const projectedPosition = (db: Db) => prepared<[], { position: number }>(db, "SELECT position FROM projector_state").get()!.position;

/**
 * Appends the entries in one transaction (a group commit), after removing the entries the
 * projector has passed: only this writes the inbox file.
 */
export function appendEntries(files: Files & { compacted: number }, entries: readonly InboxEntry[]): void {
  const { db, inbox } = files;
  const position = projectedPosition(db);
  const insert = prepared(inbox, "INSERT INTO entries (events, body) VALUES (?, ?)");
  inbox.transaction(() => {
    if (position - files.compacted >= COMPACT_EVERY) {
      // A lost or replaced inbox file must not hand out sequence numbers the projector has passed.
      if (lastSeq(inbox) < position) setLastSeq(inbox, position);
      prepared(inbox, "DELETE FROM entries WHERE seq <= ?").run(position);
      files.compacted = position;
    }
    const charge = prepared(
      inbox,
      "INSERT INTO quota_usage (appspace_seq, month, events) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET events = events + excluded.events",
    );
    for (const entry of entries) {
      insert.run(entry.events, entry.text);
      if (entry.quota?.events) charge.run(entry.quota.appspaceSeq, entry.quota.month, entry.quota.events);
    }
  })();
}

/** Events counted towards an appspace's quota in a month. */
export function quotaUsage({ inbox }: Files, appspaceSeq: number, month: number): number {
  return prepared<unknown[], { events: number }>(inbox, "SELECT events FROM quota_usage WHERE appspace_seq = ? AND month = ?").get(appspaceSeq, month)?.events ?? 0;
}

const lastSeq = (inbox: Db) =>
  prepared<[], { seq: number }>(inbox, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entries'), 0) AS seq").get()!.seq;

function setLastSeq(inbox: Db, seq: number): void {
  if (prepared(inbox, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'entries'").run(seq).changes === 0) {
    prepared(inbox, "INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', ?)").run(seq);
  }
}

export function readPositions({ db, inbox }: Files): Positions {
  const projected = projectedPosition(db);
  const appended = Math.max(lastSeq(inbox), projected);
  const { events } = prepared<[number], { events: number }>(inbox, "SELECT coalesce(sum(events), 0) AS events FROM entries WHERE seq > ?").get(projected)!;
  return { appended, projected, backlogEvents: events };
}

/**
 * Applies the entries after the projector's position, about `maxEvents` events' worth, in one
 * immediate transaction on the main file that also moves the position: a crash at any instant
 * leaves either all of it or none. (Applied entries are removed from the inbox by the next
 * append.) Each entry is applied under a savepoint; one that cannot be read or applied is moved
 * to `inbox_rejected` with the reason instead of blocking the entries behind it. `finish` runs
 * last, inside the same transaction (the read model settles what the entries changed).
 */
export function projectEntries(
  { db, inbox }: Files,
  maxEvents: number,
  apply: (text: string) => void,
  now: number,
  finish: () => void = () => {},
): ProjectionStep {
  const applyOne = db.transaction(apply);
  return db
    .transaction((): ProjectionStep => {
      const position = projectedPosition(db);
      const sizes = prepared<[number, number], { seq: number; events: number }>(
        inbox,
        "SELECT seq, events FROM entries WHERE seq > ? ORDER BY seq LIMIT ?",
      ).all(position, Math.max(1, maxEvents));
      let last = position;
      let events = 0;
      for (const s of sizes) {
        if (events > 0 && events + s.events > maxEvents) break;
        last = s.seq;
        events += s.events;
      }
      if (last === position) return { entries: 0, events: 0, position, rejected: [] };
      const rows = prepared<[number, number], { seq: number; body: string }>(
        inbox,
        "SELECT seq, body FROM entries WHERE seq > ? AND seq <= ? ORDER BY seq",
      ).all(position, last);
      const rejected: ProjectionStep["rejected"] = [];
      for (const row of rows) {
        try {
          applyOne(row.body);
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
      finish();
      prepared(db, "UPDATE projector_state SET position = ?").run(last);
      return { entries: rows.length, events, position: last, rejected };
    })
    .immediate();
}
