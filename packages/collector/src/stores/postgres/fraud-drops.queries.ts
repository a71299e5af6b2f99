import type { Tx } from "./connect.js";

/** Adds to the events a fraud rule dropped in an appspace and month. */
export async function addFraudDrops(
  tx: Tx,
  appspaceSeq: number,
  rule: string,
  month: number,
  events: number,
): Promise<void> {
  await tx`INSERT INTO fraud_drops (appspace_seq, rule, month, events) VALUES (${appspaceSeq}, ${rule}, ${month}, ${events})
    ON CONFLICT (appspace_seq, rule, month) DO UPDATE SET events = fraud_drops.events + excluded.events`;
}

/** The events each fraud rule dropped in an appspace and month. */
export async function fraudDrops(tx: Tx, appspaceSeq: number, month: number): Promise<Record<string, number>> {
  const rows = await tx<
    { rule: string; events: string }[]
  >`SELECT rule, events FROM fraud_drops WHERE appspace_seq = ${appspaceSeq} AND month = ${month}`;
  return Object.fromEntries(rows.map((r) => [r.rule, Number(r.events)]));
}
