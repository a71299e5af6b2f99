import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { AppspaceChanges, AppspaceRow } from "../../store.js";

export function insertAppspace(db: Db, row: Omit<AppspaceRow, "seq">): number {
  return Number(
    db
      .prepare(
        "INSERT INTO appspaces (id, name, currency, retention_days, created_at, website_id) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(row.id, row.name, row.currency, row.retention_days, row.created_at, row.website_id ?? row.id)
      .lastInsertRowid,
  );
}

export function findAppspaceBySeq(db: Db, seq: number): AppspaceRow | undefined {
  return prepared<unknown[], AppspaceRow>(db, "SELECT * FROM appspaces WHERE seq = ?").get(seq);
}

export function findAppspaceById(db: Db, id: string): AppspaceRow | undefined {
  return prepared<unknown[], AppspaceRow>(db, "SELECT * FROM appspaces WHERE id = ?").get(id);
}

export function findAppspaceByWebsiteId(db: Db, websiteId: string): AppspaceRow | undefined {
  return prepared<unknown[], AppspaceRow>(db, "SELECT * FROM appspaces WHERE website_id = ?").get(websiteId);
}

export function listAppspaces(db: Db): AppspaceRow[] {
  return db.prepare("SELECT * FROM appspaces ORDER BY seq").all() as AppspaceRow[];
}

const CHANGEABLE = [
  "name",
  "currency",
  "retention_days",
  "plan",
  "quota",
  "max_order_value",
  "currencies",
  "fraud",
  "website_id",
  "hello_retail",
] as const;

/** Writes the given settings of an appspace; the row after, or undefined when there is none. */
export function updateAppspace(db: Db, id: string, changes: AppspaceChanges): AppspaceRow | undefined {
  const columns = CHANGEABLE.filter((c) => changes[c] !== undefined);
  if (columns.length) {
    prepared(db, `UPDATE appspaces SET ${columns.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`).run({
      ...changes,
      id,
    });
  }
  return findAppspaceById(db, id);
}
