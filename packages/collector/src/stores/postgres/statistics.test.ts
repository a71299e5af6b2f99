// The planner's statistics kept up with projection (`statistics.ts`), on a real PostgreSQL.
import { describe, expect, inject, it } from "vitest";
import { openTestStore } from "../../test-support/test-stores.js";
import type { PostgresStore } from "./postgres-store.js";
import { statisticsKeeper } from "./statistics.js";

describe("the statistics keeper", () => {
  // On Citus the coordinator's tables are empty shells: ANALYZE goes to the shards, whose
  // statistics the coordinator does not show.
  it.skipIf(inject("citus"))(
    "analyzes the tables projection reads by key at its first mark, then at four times the events",
    async () => {
      const t = await openTestStore();
      const sql = (t.store as PostgresStore).sql;
      const analyzed = async () =>
        (
          await t.rows<{ relname: string; n: number }>(
            `SELECT relname, analyze_count::int AS n FROM pg_stat_user_tables
             WHERE schemaname = ? AND relname IN ('events', 'event_ids', 'identities', 'rollups') ORDER BY relname`,
            t.schema,
          )
        ).map((r) => `${r.relname} ${r.n}`);
      const keeper = statisticsKeeper(sql, 10);
      // After each step's events, how often each table has been analyzed.
      const after = async (events: number, times: number) => {
        keeper.projected(events);
        await keeper.settled();
        await expect
          .poll(analyzed)
          .toEqual(["event_ids", "events", "identities", "rollups"].map((t) => `${t} ${times}`));
      };
      await after(9, 0);
      await after(1, 1);
      await after(29, 1);
      await after(1, 2);
      await t.store.close();
    },
  );
});
