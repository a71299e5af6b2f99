import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import { DAY_MS } from "../../model/time.js";
import { clearReadTables } from "./read-tables.queries.js";
import { eraseRejectedDeliveries, personNeedles } from "./sources.queries.js";
import type { LedgerRemovals } from "../../projection/ledger.js";

/** The SQLite ledger's removals (`projection/erase.ts`, `retention.ts`, `rebuild.ts`), inside the caller's transaction. */
export function sqliteLedgerRemovals(db: Db): LedgerRemovals {
  return {
    personEventSeqs(appspace, userId) {
      const p = { appspace, user: userId };
      const direct = prepared<[typeof p], { seq: number; email: string | null }>(
        db,
        `SELECT seq, email FROM events WHERE appspace_seq = @appspace AND user_id = @user
         UNION SELECT e.seq, e.email FROM identities i CROSS JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
               WHERE i.appspace_seq = @appspace AND i.user_id = @user`,
      ).all(p);
      const seqs = new Set(direct.map((r) => r.seq));
      const emails = [...new Set(direct.map((r) => r.email).filter((e): e is string => e !== null))];
      const byEmail = prepared<[number, string], { seq: number }>(
        db,
        "SELECT seq FROM events WHERE appspace_seq = ? AND email = ?",
      );
      for (const email of emails) for (const r of byEmail.all(appspace, email)) seqs.add(r.seq);
      return [...seqs];
    },
    personNeedles: (appspace, userId) => personNeedles(db, appspace, userId),
    eraseRejectedDeliveries: (appspace, needles) => eraseRejectedDeliveries(db, appspace, [...needles]),
    eraseMentions(appspace, needles) {
      // As JSON strings: an id is a whole value in these JSON texts, never part of another.
      const wanted = needles.filter(Boolean).map((n) => JSON.stringify(n));
      const deliveries = prepared(
        db,
        "DELETE FROM webhook_deliveries WHERE webhook_id IN (SELECT id FROM webhooks WHERE appspace_seq = ?) AND instr(body, ?) > 0",
      );
      const carts = prepared(db, "DELETE FROM watched_carts WHERE appspace_seq = ? AND instr(data, ?) > 0");
      for (const needle of wanted) {
        deliveries.run(appspace, needle);
        carts.run(appspace, needle);
      }
    },
    rejectedEntriesNaming(appspace, needles) {
      const naming = prepared<[number, string], { seq: number; body: string }>(
        db,
        "SELECT seq, body FROM inbox_rejected WHERE appspace_seq = ? AND instr(body, ?) > 0",
      );
      const found = new Map<number, string>();
      for (const needle of needles.filter(Boolean).map((n) => JSON.stringify(n)))
        for (const r of naming.all(appspace, needle)) found.set(r.seq, r.body);
      return [...found].map(([seq, body]) => ({ seq, body }));
    },
    rewriteRejectedEntries(appspace, rows) {
      const rewrite = prepared(db, "UPDATE inbox_rejected SET body = ? WHERE appspace_seq = ? AND seq = ?");
      const remove = prepared(db, "DELETE FROM inbox_rejected WHERE appspace_seq = ? AND seq = ?");
      for (const r of rows) {
        if (r.body === null) remove.run(appspace, r.seq);
        else rewrite.run(r.body, appspace, r.seq);
      }
    },
    deleteIdentitiesOfUser(appspace, userId) {
      prepared(db, "DELETE FROM identities WHERE appspace_seq = ? AND user_id = ?").run(appspace, userId);
    },
    expiredEventSeqs(appspace, cutoff, limit) {
      return prepared<[number, number, number], { seq: number }>(
        db,
        "SELECT seq FROM events WHERE appspace_seq = ? AND ts < ? ORDER BY ts LIMIT ?",
      )
        .all(appspace, cutoff, limit)
        .map((r) => r.seq);
    },
    purgeExpiredFacts(appspace, cutoff) {
      prepared(db, "DELETE FROM sdk_losses WHERE appspace_seq = ? AND day < ?").run(
        appspace,
        Math.floor(cutoff / DAY_MS),
      );
      prepared(db, "DELETE FROM watched_carts WHERE appspace_seq = ? AND last_ts < ?").run(appspace, cutoff);
    },
    removeEvents(appspace, seqs) {
      const clearOrder = prepared(db, "UPDATE orders SET event_seq = NULL WHERE appspace_seq = ? AND event_seq = ?");
      const items = prepared(db, "DELETE FROM event_items WHERE event_seq = ?");
      const properties = prepared(db, "DELETE FROM event_properties WHERE event_seq = ?");
      const event = prepared(db, "DELETE FROM events WHERE seq = ?");
      for (const seq of seqs) {
        clearOrder.run(appspace, seq);
        items.run(seq);
        properties.run(seq);
        event.run(seq);
      }
    },
    clearReadModel() {
      clearReadTables(db);
    },
    eventSeqsAfter(after, limit) {
      return prepared<[number, number], { seq: number }>(
        db,
        "SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
      )
        .all(after, limit)
        .map((r) => r.seq);
    },
    readModelBuilt() {
      return prepared<[], { built: number }>(db, "SELECT built FROM read_model_state").get()!.built === 1;
    },
    markReadModelBuilt() {
      prepared(db, "UPDATE read_model_state SET built = 1").run();
    },
  };
}
