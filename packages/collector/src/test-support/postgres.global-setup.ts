import type { TestProject } from "vitest/node";
import { startCluster } from "./postgres-cluster.js";

/**
 * Starts a private PostgreSQL cluster for the `collector-postgres` project (or uses
 * `TALLY_TEST_POSTGRES`, a URL of a database the run may create schemas in), and removes it after.
 * `TALLY_TEST_CITUS` names a Citus coordinator's database instead (the `citus` extension
 * installed, workers registered): the same suites then run with every table distributed.
 */
export default async function setup(project: TestProject) {
  const citus = process.env.TALLY_TEST_CITUS;
  const given = citus ? withSmallShardCount(citus) : process.env.TALLY_TEST_POSTGRES;
  const cluster = given ? undefined : await startCluster();
  const url = given ?? cluster!.url;
  project.provide("postgresUrl", url);
  project.provide("citus", Boolean(citus));
  process.stderr.write(
    `collector-postgres: store suites against ${citus ? "a Citus coordinator" : "PostgreSQL"} at ${url}${cluster ? " (a private cluster for this run)" : ""}\n`,
  );
  if (!citus)
    process.stderr.write(
      "collector-postgres: not on Citus (set TALLY_TEST_CITUS=postgres://… to run these suites on a Citus coordinator)\n",
    );
  return () => cluster?.remove();
}

/**
 * Every test makes a schema of its own, and Citus makes each distributed table's shards (32 by
 * default): 4 keep the run short and still spread an appspace's neighbours over the workers.
 * A URL that sets `citus.shard_count` itself keeps it.
 */
function withSmallShardCount(url: string): string {
  if (url.includes("citus.shard_count")) return url;
  return `${url}${url.includes("?") ? "&" : "?"}citus.shard_count=4`;
}
