import type { Tx } from "./connect.js";
import type { DeliveryOutcome, DueDelivery, WebhookRow } from "../../store.js";

type WebhookDbRow = Omit<WebhookRow, "events" | "allow_private"> & { events: string; allow_private: number };
const toRow = (r: WebhookDbRow): WebhookRow => ({
  ...r,
  events: r.events.split(","),
  allow_private: r.allow_private === 1,
});

export async function addWebhook(tx: Tx, row: WebhookRow): Promise<void> {
  const [appspace] = await tx<{ seq: number }[]>`SELECT seq FROM appspaces WHERE id = ${row.appspace_id}`;
  if (!appspace) throw new RangeError(`no appspace ${row.appspace_id}`);
  await tx`INSERT INTO webhooks (id, appspace_seq, url, events, secret, created_at, allow_private)
    VALUES (${row.id}, ${appspace.seq}, ${row.url}, ${row.events.join(",")}, ${row.secret}, ${row.created_at}, ${row.allow_private ? 1 : 0})`;
}

export async function listWebhooks(tx: Tx, appspaceId?: string): Promise<WebhookRow[]> {
  const rows = await tx<WebhookDbRow[]>`
    SELECT w.id, a.id AS appspace_id, w.url, w.events, w.secret, w.created_at, w.allow_private FROM webhooks w JOIN appspaces a ON a.seq = w.appspace_seq
    WHERE ${appspaceId ?? null}::text IS NULL OR a.id = ${appspaceId ?? null} ORDER BY w.created_at, w.id`;
  return rows.map(toRow);
}

/** Removes a webhook and its undelivered events; whether it existed. */
export async function removeWebhook(tx: Tx, id: string): Promise<boolean> {
  const [hook] = await tx<{ appspace_seq: number }[]>`SELECT appspace_seq FROM webhooks WHERE id = ${id}`;
  if (!hook) return false;
  await tx`DELETE FROM webhook_deliveries WHERE appspace_seq = ${hook.appspace_seq} AND webhook_id = ${id} AND delivered_at IS NULL`;
  return (await tx`DELETE FROM webhooks WHERE id = ${id}`).count > 0;
}

/**
 * Claims up to `limit` due deliveries, leasing each until `now + leaseMs`: rows another
 * collector is claiming at the same moment are skipped (SKIP LOCKED), so none is sent twice at once.
 * Claimed one appspace at a time, the one due longest first: each claim is a statement on one
 * appspace's rows (one shard on Citus, where locking rows of several shards at once is refused).
 */
export async function claimDeliveries(tx: Tx, now: number, leaseMs: number, limit: number): Promise<DueDelivery[]> {
  const appspaces = await tx<{ appspace_seq: number }[]>`
    SELECT appspace_seq FROM webhook_deliveries WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_at <= ${now}
    GROUP BY appspace_seq ORDER BY min(next_at)`;
  const claimed: DueDelivery[] = [];
  for (const { appspace_seq: appspace } of appspaces) {
    if (claimed.length >= limit) break;
    claimed.push(
      ...(await tx<DueDelivery[]>`
        WITH due AS (
          SELECT seq FROM webhook_deliveries
          WHERE appspace_seq = ${appspace} AND delivered_at IS NULL AND gave_up_at IS NULL AND next_at <= ${now}
          ORDER BY next_at LIMIT ${limit - claimed.length} FOR UPDATE SKIP LOCKED),
        leased AS (UPDATE webhook_deliveries d SET next_at = ${now + leaseMs} FROM due
          WHERE d.appspace_seq = ${appspace} AND d.seq = due.seq RETURNING d.*)
        SELECT l.seq, l.id, w.url, w.secret, l.body, l.attempts, l.created_at, w.allow_private FROM leased l JOIN webhooks w ON w.id = l.webhook_id
        ORDER BY l.seq`),
    );
  }
  return claimed.sort((a, b) => a.seq - b.seq);
}

export async function finishDelivery(tx: Tx, seq: number, outcome: DeliveryOutcome): Promise<void> {
  if ("delivered_at" in outcome) {
    await tx`UPDATE webhook_deliveries SET delivered_at = ${outcome.delivered_at}, attempts = attempts + 1, last_error = NULL WHERE seq = ${seq}`;
  } else if ("next_at" in outcome) {
    await tx`UPDATE webhook_deliveries SET next_at = ${outcome.next_at}, attempts = attempts + 1, last_error = ${outcome.error} WHERE seq = ${seq}`;
  } else {
    await tx`UPDATE webhook_deliveries SET gave_up_at = ${outcome.gave_up_at}, attempts = attempts + 1, last_error = ${outcome.error} WHERE seq = ${seq}`;
  }
}

export async function purgeFinishedDeliveries(tx: Tx, before: number): Promise<number> {
  const done = await tx`DELETE FROM webhook_deliveries WHERE delivered_at < ${before} OR gave_up_at < ${before}`;
  return done.count;
}

export async function webhookBacklog(tx: Tx): Promise<number> {
  const [{ n }] = await tx<
    { n: number }[]
  >`SELECT count(*) AS n FROM webhook_deliveries WHERE delivered_at IS NULL AND gave_up_at IS NULL`;
  return n;
}
