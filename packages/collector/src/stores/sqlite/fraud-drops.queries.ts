import type { Db } from "./open.js";
import { prepared } from "./prepared.js";

/** Adds to the events a fraud rule dropped in an appspace and month (kept in the inbox file, beside the quota's count). */
export function addFraudDrops(inbox: Db, appspaceSeq: number, rule: string, month: number, events: number): void {
  prepared(
    inbox,
    `INSERT INTO fraud_drops (appspace_seq, rule, month, events) VALUES (?, ?, ?, ?)
    ON CONFLICT (appspace_seq, rule, month) DO UPDATE SET events = events + excluded.events`,
  ).run(appspaceSeq, rule, month, events);
}

/** The events each fraud rule dropped in an appspace and month. */
export function fraudDrops(inbox: Db, appspaceSeq: number, month: number): Record<string, number> {
  const rows = prepared<unknown[], { rule: string; events: number }>(
    inbox,
    "SELECT rule, events FROM fraud_drops WHERE appspace_seq = ? AND month = ?",
  ).all(appspaceSeq, month);
  return Object.fromEntries(rows.map((r) => [r.rule, r.events]));
}
