import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { inboxFileOf, type Db } from "./open.js";

/** How far a backup has come: which file, and its pages copied of all. */
export interface BackupProgress {
  file: "inbox" | "database";
  pages: number;
  totalPages: number;
}

export interface BackupResult {
  /** The copy's two files and their sizes in bytes. */
  files: { database: string; inbox: string };
  bytes: number;
  /** The projector's position in the copy, and the acknowledged entries after it that the copy's inbox holds. */
  position: number;
  waiting: number;
  /** When the copy's inbox snapshot was taken: everything acknowledged before then is in the copy. */
  at: Date;
}

/** Pages a backup step copies; steps read a fixed snapshot, so size only trades memory for calls. */
const PAGES_PER_STEP = 4096;

/**
 * Copies a SQLite database and its inbox (`<file>-inbox`) while a collector serves them, with
 * SQLite's online backup, to `to` and `<to>-inbox`: `serve --db to` then answers as the original
 * did, with no acknowledged entry lost and none applied twice.
 *
 * Each file is copied from a read transaction held for the whole copy, so each copy is one
 * snapshot of its file (writers go on; a backup step never restarts). The two snapshots are
 * taken one after the other, and the order matters:
 *
 * - the inbox holds the acknowledged entries; an append deletes the entries at or before the
 *   projector's positions (one per appspace), which live in the main file and only grow;
 * - so the **inbox is snapshotted first** (instant t1), the main file second (t2 ≥ t1). Every
 *   entry acknowledged before t1 is either still in the inbox copy, or was deleted at or before
 *   the position seen before t1, which is at or before the main copy's position: it is applied
 *   in the main copy. Nothing is lost. The copy's projector applies only entries after its
 *   position, so an entry in both (applied by t2, still in the inbox at t1) is not applied twice.
 * - Taken the other way round, the projector could pass entries after the main copy was taken
 *   and the next append delete them before the inbox copy: acknowledged, in neither copy.
 *
 * The copy's inbox is then put in step with its main file: entries at or before the position
 * are removed, and its sequence is moved past the position, so an entry appended to the copy
 * later is never numbered at or below it (the projector would pass over it).
 *
 * @example
 * await backupDatabase("shop.db", "shop-2026-12-07.db", (p) => console.error(p.file, p.pages, p.totalPages));
 */
export async function backupDatabase(
  file: string,
  to: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<BackupResult> {
  const target = { database: to, inbox: inboxFileOf(to) };
  const partial = { database: `${to}.partial`, inbox: `${inboxFileOf(to)}.partial` };
  for (const path of [...Object.values(partial), ...sidecars(partial.database), ...sidecars(partial.inbox)])
    rmSync(path, { force: true });
  const inbox = new Database(inboxFileOf(file), { fileMustExist: true });
  const main = new Database(file, { fileMustExist: true });
  let positions: ProjectionPositions;
  let at: Date;
  try {
    for (const db of [inbox, main]) db.pragma("busy_timeout = 5000");
    // The order of these two snapshots is the guarantee: see above.
    at = new Date();
    beginSnapshot(inbox, "SELECT count(*) AS n FROM entries");
    beginSnapshot(main, "SELECT position AS n FROM projector_state");
    positions = projectionPositions(main);
    await copy(inbox, partial.inbox, "inbox", onProgress);
    await copy(main, partial.database, "database", onProgress);
  } catch (error) {
    for (const path of Object.values(partial)) rmSync(path, { force: true });
    throw error;
  } finally {
    for (const db of [inbox, main]) {
      if (db.inTransaction) db.exec("COMMIT");
      db.close();
    }
  }
  const waiting = alignInbox(partial.inbox, positions);
  const position = Math.max(positions.floor, ...positions.byAppspace.values());
  // The inbox first: a copy whose main file is there is complete.
  renameSync(partial.inbox, target.inbox);
  renameSync(partial.database, target.database);
  const bytes = statSync(target.database).size + statSync(target.inbox).size;
  return { files: target, bytes, position, waiting, at };
}

/** Whether a copy would overwrite something: `to` or its inbox already exists. */
export function backupTargetTaken(to: string): string | undefined {
  return [to, inboxFileOf(to)].find((path) => existsSync(path));
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/** Opens a read transaction (a WAL snapshot that lasts until COMMIT) and answers the query's `n` in it. */
function beginSnapshot(db: Db, sql: string): number {
  db.exec("BEGIN");
  return (db.prepare(sql).get() as { n: number }).n;
}

async function copy(
  db: Db,
  to: string,
  file: BackupProgress["file"],
  onProgress: (progress: BackupProgress) => void,
): Promise<void> {
  const done = await db.backup(to, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress({ file, pages: totalPages - remainingPages, totalPages });
      return PAGES_PER_STEP;
    },
  });
  onProgress({ file, pages: done.totalPages, totalPages: done.totalPages });
}

/** Where the copy's projector stands: the floor every appspace passed, and each appspace's own position above it. */
interface ProjectionPositions {
  floor: number;
  byAppspace: Map<number, number>;
}

function projectionPositions(main: Db): ProjectionPositions {
  const floor = (main.prepare("SELECT position AS n FROM projector_state").get() as { n: number }).n;
  // A database written before positions were kept per appspace (a copy taken before an upgrade) has the floor alone.
  const perAppspace =
    main.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_positions'").get() !==
    undefined;
  const rows = perAppspace
    ? (main.prepare("SELECT appspace_seq, position FROM projection_positions").all() as Array<{
        appspace_seq: number;
        position: number;
      }>)
    : [];
  return { floor, byAppspace: new Map(rows.map((r) => [r.appspace_seq, r.position])) };
}

/** Drops the copied inbox's entries its appspace's position has passed and numbers later ones after every position; answers the entries left. */
function alignInbox(file: string, positions: ProjectionPositions): number {
  const db = new Database(file);
  const position = Math.max(positions.floor, ...positions.byAppspace.values());
  try {
    return db.transaction(() => {
      db.prepare("DELETE FROM entries WHERE seq <= ?").run(positions.floor);
      if (positions.byAppspace.size) {
        const passed = db.prepare("DELETE FROM entries WHERE appspace_seq = ? AND seq <= ?");
        for (const [appspace, at] of positions.byAppspace) passed.run(appspace, at);
      }
      const last = (
        db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entries'), 0) AS seq").get() as {
          seq: number;
        }
      ).seq;
      if (last < position) {
        if (db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'entries'").run(position).changes === 0) {
          db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', ?)").run(position);
        }
      }
      return (db.prepare("SELECT count(*) AS n FROM entries").get() as { n: number }).n;
    })();
  } finally {
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  }
}
