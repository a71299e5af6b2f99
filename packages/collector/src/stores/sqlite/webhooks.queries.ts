import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { DeliveryOutcome, DueDelivery, WebhookRow } from "../../store.js";

type WebhookDbRow = Omit<WebhookRow, "events" | "appspace_id" | "allow_private"> & {
  events: string;
  appspace_id: string;
  allow_private: number;
};
const toRow = (r: WebhookDbRow): WebhookRow => ({
  ...r,
  events: r.events.split(","),
  allow_private: r.allow_private === 1,
});

export function addWebhook(db: Db, row: WebhookRow): void {
  const appspace = prepared<unknown[], { seq: number }>(db, "SELECT seq FROM appspaces WHERE id = ?").get(
    row.appspace_id,
  );
  if (!appspace) throw new RangeError(`no appspace ${row.appspace_id}`);
  prepared(
    db,
    "INSERT INTO webhooks (id, appspace_seq, url, events, secret, created_at, allow_private) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(row.id, appspace.seq, row.url, row.events.join(","), row.secret, row.created_at, row.allow_private ? 1 : 0);
}

export function listWebhooks(db: Db, appspaceId?: string): WebhookRow[] {
  return prepared<unknown[], WebhookDbRow>(
    db,
    `SELECT w.id, a.id AS appspace_id, w.url, w.events, w.secret, w.created_at, w.allow_private FROM webhooks w JOIN appspaces a ON a.seq = w.appspace_seq
     WHERE ? IS NULL OR a.id = ? ORDER BY w.created_at, w.id`,
  )
    .all(appspaceId ?? null, appspaceId ?? null)
    .map(toRow);
}

export function removeWebhook(db: Db, id: string): boolean {
  return db.transaction(() => {
    prepared(db, "DELETE FROM webhook_deliveries WHERE webhook_id = ? AND delivered_at IS NULL").run(id);
    return prepared(db, "DELETE FROM webhooks WHERE id = ?").run(id).changes > 0;
  })();
}

export function claimDeliveries(db: Db, now: number, leaseMs: number, limit: number): DueDelivery[] {
  return db
    .transaction(() => {
      const due = prepared<unknown[], DueDelivery>(
        db,
        `SELECT d.seq, d.id, w.url, w.secret, d.body, d.attempts, d.created_at, w.allow_private FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_at <= ? ORDER BY d.next_at LIMIT ?`,
      ).all(now, limit);
      const lease = prepared(db, "UPDATE webhook_deliveries SET next_at = ? WHERE seq = ?");
      for (const d of due) lease.run(now + leaseMs, d.seq);
      return due;
    })
    .immediate();
}

export function finishDelivery(db: Db, seq: number, outcome: DeliveryOutcome): void {
  if ("delivered_at" in outcome) {
    prepared(
      db,
      "UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?",
    ).run(outcome.delivered_at, seq);
  } else if ("next_at" in outcome) {
    prepared(
      db,
      "UPDATE webhook_deliveries SET next_at = ?, attempts = attempts + 1, last_error = ? WHERE seq = ?",
    ).run(outcome.next_at, outcome.error, seq);
  } else {
    prepared(
      db,
      "UPDATE webhook_deliveries SET gave_up_at = ?, attempts = attempts + 1, last_error = ? WHERE seq = ?",
    ).run(outcome.gave_up_at, outcome.error, seq);
  }
}

export function purgeFinishedDeliveries(db: Db, before: number): number {
  return prepared(db, "DELETE FROM webhook_deliveries WHERE delivered_at < ? OR gave_up_at < ?").run(before, before)
    .changes;
}

export function webhookBacklog(db: Db): number {
  return prepared<[], { n: number }>(
    db,
    "SELECT count(*) AS n FROM webhook_deliveries WHERE delivered_at IS NULL AND gave_up_at IS NULL",
  ).get()!.n;
}
