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
      keeper.projected(9);
      await keeper.settled();
      expect(await analyzed()).toEqual(["event_ids 0", "events 0", "identities 0", "rollups 0"]);
      keeper.projected(1);
      await keeper.settled();
      await expect.poll(analyzed).toEqual(["event_ids 1", "events 1", "identities 1", "rollups 1"]);
      keeper.projected(29);
      await keeper.settled();
      expect(await analyzed()).toEqual(["event_ids 1", "events 1", "identities 1", "rollups 1"]);
      keeper.projected(1);
      await keeper.settled();
      await expect.poll(analyzed).toEqual(["event_ids 2", "events 2", "identities 2", "rollups 2"]);
      await t.store.close();
    },
  );
});
