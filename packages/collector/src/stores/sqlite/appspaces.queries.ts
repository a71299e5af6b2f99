import type { Db } from "./open.js";
import { prepared } from "./prepared.js";
import type { AppspaceRow } from "../../store.js";


export function insertAppspace(db: Db, row: Omit<AppspaceRow, "seq">): number {
  return Number(
    db
      .prepare("INSERT INTO appspaces (id, name, currency, retention_days, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(row.id, row.name, row.currency, row.retention_days, row.created_at).lastInsertRowid,
  );
}

export function findAppspaceBySeq(db: Db, seq: number): AppspaceRow | undefined {
  return prepared<unknown[], AppspaceRow>(db, "SELECT * FROM appspaces WHERE seq = ?").get(seq);
}

export function findAppspaceById(db: Db, id: string): AppspaceRow | undefined {
  return prepared<unknown[], AppspaceRow>(db, "SELECT * FROM appspaces WHERE id = ?").get(id);
}

export function listAppspaces(db: Db): AppspaceRow[] {
  return db.prepare("SELECT * FROM appspaces ORDER BY seq").all() as AppspaceRow[];
}
