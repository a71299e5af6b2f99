import type { Tx } from "./connect.js";

/**
 * `alias.appspace_seq = appspace`, or TRUE when a transaction works on every appspace (a
 * rebuild): statements that find rows by event seq name the appspace too, so that each runs on
 * the appspace's own shard on Citus.
 */
export const appspaceClause = (tx: Tx, appspace: number | undefined) => (alias: string) =>
  appspace === undefined ? tx`TRUE` : tx`${tx(alias)}.appspace_seq = ${appspace}`;
