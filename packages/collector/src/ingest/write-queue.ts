import type { Db } from "../db/open.js";
import { addSdkLosses } from "./events.queries.js";
import { storeEvents } from "./store-events.js";
import type { StoredEvent } from "./stored-event.js";

/** One request's share of a write: its events and an SDK's loss report. */
export interface WriteJob {
  events: StoredEvent[];
  losses?: { appspaceSeq: number; day: number; dropped: number; expired: number };
}

export interface WriteQueue {
  /** Resolves once the job is committed; only then may the request be answered. */
  write(job: WriteJob): Promise<void>;
}

/**
 * Group commit: the jobs of every request that arrives while the event loop is busy are written
 * in one transaction at the next turn, so a commit's cost is shared by many requests. A request
 * is answered only after the commit that holds its events: nothing acknowledged is lost.
 * If a group fails, each job is retried alone, so one bad job cannot fail the others.
 *
 * @example
 * const queue = createWriteQueue(db);
 * await queue.write({ events });
 */
export function createWriteQueue(db: Db): WriteQueue {
  let pending: Array<{ job: WriteJob; resolve: () => void; reject: (error: unknown) => void }> = [];

  const commit = (jobs: WriteJob[]) =>
    db.transaction(() => {
      for (const job of jobs) {
        if (job.events.length) storeEvents(db, job.events);
        const l = job.losses;
        if (l && (l.dropped || l.expired)) addSdkLosses(db, l.appspaceSeq, l.day, l.dropped, l.expired);
      }
    })();

  function flush() {
    const group = pending;
    pending = [];
    try {
      commit(group.map((p) => p.job));
      for (const p of group) p.resolve();
    } catch {
      for (const p of group) {
        try {
          commit([p.job]);
          p.resolve();
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }

  return {
    write(job) {
      return new Promise((resolve, reject) => {
        if (pending.push({ job, resolve, reject }) === 1) setImmediate(flush);
      });
    },
  };
}
