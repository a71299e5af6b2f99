import type { Tx } from "./connect.js";
import { DAY_MS } from "../../model/time.js";
import { clearReadTables } from "./read-tables.js";
import { eraseRejectedDeliveries, personNeedles } from "./sources.queries.js";
import { appspaceClause } from "./appspace-clause.js";
import type { LedgerRemovals } from "../../projection/ledger.js";

/** The PostgreSQL ledger's removals (`projection/erase.ts`, `retention.ts`, `rebuild.ts`), inside the caller's transaction. */
export function postgresLedgerRemovals(tx: Tx, appspace: number | undefined): LedgerRemovals {
  const ofAppspace = appspaceClause(tx, appspace);
  return {
    async personEventSeqs(appspace, userId) {
      const direct = await tx<{ seq: number; email: string | null }[]>`
        SELECT seq, email FROM events WHERE appspace_seq = ${appspace} AND user_id = ${userId}
        UNION SELECT e.seq, e.email FROM identities i JOIN events e ON e.appspace_seq = i.appspace_seq AND e.anonymous_id = i.anonymous_id
        WHERE i.appspace_seq = ${appspace} AND i.user_id = ${userId}`;
      const emails = [...new Set(direct.map((r) => r.email).filter((e): e is string => e !== null))];
      const byEmail = emails.length
        ? await tx<
            { seq: number }[]
          >`SELECT seq FROM events WHERE appspace_seq = ${appspace} AND email = ANY(${emails}::text[])`
        : [];
      return [...new Set([...direct.map((r) => r.seq), ...byEmail.map((r) => r.seq)])];
    },
    personNeedles: (appspace, userId) => personNeedles(tx, appspace, userId),
    eraseRejectedDeliveries: (appspace, needles) => eraseRejectedDeliveries(tx, appspace, [...needles]),
    async eraseMentions(appspace, needles) {
      // As JSON strings: an id is a whole value in these JSON texts, never part of another.
      const wanted = needles.filter(Boolean).map((n) => JSON.stringify(n));
      if (wanted.length === 0) return;
      await tx`DELETE FROM webhook_deliveries WHERE appspace_seq = ${appspace}
        AND EXISTS (SELECT 1 FROM unnest(${wanted}::text[]) AS n(needle) WHERE strpos(body, n.needle) > 0)`;
      await tx`DELETE FROM watched_carts WHERE appspace_seq = ${appspace}
        AND EXISTS (SELECT 1 FROM unnest(${wanted}::text[]) AS n(needle) WHERE strpos(data, n.needle) > 0)`;
    },
    async rejectedEntriesNaming(appspace, needles) {
      const wanted = needles.filter(Boolean).map((n) => JSON.stringify(n));
      if (wanted.length === 0) return [];
      return await tx<
        { seq: number; body: string }[]
      >`SELECT seq, body FROM inbox_rejected WHERE appspace_seq = ${appspace}
        AND EXISTS (SELECT 1 FROM unnest(${wanted}::text[]) AS n(needle) WHERE strpos(body, n.needle) > 0)`;
    },
    async rewriteRejectedEntries(appspace, rows) {
      const gone = rows.filter((r) => r.body === null).map((r) => r.seq);
      const kept = rows.filter((r) => r.body !== null);
      if (gone.length)
        await tx`DELETE FROM inbox_rejected WHERE appspace_seq = ${appspace} AND seq = ANY(${gone}::bigint[])`;
      if (kept.length)
        await tx`UPDATE inbox_rejected AS r SET body = k.body
          FROM unnest(${kept.map((r) => r.seq)}::bigint[], ${kept.map((r) => r.body)}::text[]) AS k(seq, body)
          WHERE r.appspace_seq = ${appspace} AND r.seq = k.seq`;
    },
    async deleteIdentitiesOfUser(appspace, userId) {
      await tx`DELETE FROM identities WHERE appspace_seq = ${appspace} AND user_id = ${userId}`;
    },
    async expiredEventSeqs(appspace, cutoff, limit) {
      return (
        await tx<
          { seq: number }[]
        >`SELECT seq FROM events WHERE appspace_seq = ${appspace} AND ts < ${cutoff} ORDER BY ts LIMIT ${limit}`
      ).map((r) => r.seq);
    },
    async purgeExpiredFacts(appspace, cutoff) {
      await tx`DELETE FROM sdk_losses WHERE appspace_seq = ${appspace} AND day < ${Math.floor(cutoff / DAY_MS)}`;
      await tx`DELETE FROM watched_carts WHERE appspace_seq = ${appspace} AND last_ts < ${cutoff}`;
    },
    async removeEvents(appspace, seqs) {
      const list = seqs as number[];
      await tx`UPDATE orders SET event_seq = NULL WHERE appspace_seq = ${appspace} AND event_seq = ANY(${list}::bigint[])`;
      await tx`DELETE FROM event_items WHERE appspace_seq = ${appspace} AND event_seq = ANY(${list}::bigint[])`;
      await tx`DELETE FROM event_properties WHERE appspace_seq = ${appspace} AND event_seq = ANY(${list}::bigint[])`;
      await tx`DELETE FROM events WHERE appspace_seq = ${appspace} AND seq = ANY(${list}::bigint[])`;
    },
    clearReadModel: () => clearReadTables(tx),
    async eventSeqsAfter(after, limit) {
      return (
        await tx<
          { seq: number }[]
        >`SELECT seq FROM events e WHERE ${ofAppspace("e")} AND seq > ${after} ORDER BY seq LIMIT ${limit}`
      ).map((r) => r.seq);
    },
    async readModelBuilt() {
      return (await tx<{ built: boolean }[]>`SELECT read_model_built AS built FROM schema_version`)[0]!.built;
    },
    async markReadModelBuilt() {
      await tx`UPDATE schema_version SET read_model_built = true`;
    },
  };
}
