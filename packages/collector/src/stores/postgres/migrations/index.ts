import init from "./0001-init.js";
import policies from "./0002-policies.js";
import projectionPartitions from "./0003-projection-partitions.js";
import sources from "./0004-sources.js";
import hardening from "./0005-hardening.js";
import exactSums from "./0006-exact-sums.js";
import appspaceKeys from "./0007-appspace-keys.js";
import citus from "./0008-citus.js";
import visitorHistories from "./0009-visitor-histories.js";

/** Every migration in order; a migration's version is its position + 1. Append, never edit. */
export const MIGRATIONS: readonly string[] = [
  init,
  policies,
  projectionPartitions,
  sources,
  hardening,
  exactSums,
  appspaceKeys,
  citus,
  visitorHistories,
];
