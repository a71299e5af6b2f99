import type { TestProject } from "vitest/node";
import { startCluster } from "./postgres-cluster.js";

/**
 * Starts a private PostgreSQL cluster for the `collector-postgres` project (or uses
 * `TALLY_TEST_POSTGRES`, a URL of a database the run may create schemas in), and removes it after.
 */
export default async function setup(project: TestProject) {
  const given = process.env.TALLY_TEST_POSTGRES;
  const cluster = given ? undefined : await startCluster();
  const url = given ?? cluster!.url;
  project.provide("postgresUrl", url);
  process.stderr.write(
    `collector-postgres: store suites against PostgreSQL at ${url}${cluster ? " (a private cluster for this run)" : ""}\n`,
  );
  return () => cluster?.remove();
}
