import type { InboxEntry, Store } from "../store.js";

export interface WriteQueue {
  /** Resolves once the entry is committed to the inbox; only then may the request be answered. */
  write(entry: InboxEntry): Promise<void>;
}

/**
 * Group commit: the entries of every request that arrives while the event loop is busy are
 * appended to the inbox in one commit at the next turn, so a commit's cost is shared by many
 * requests. A request is answered only after the commit that holds its events: nothing
 * acknowledged is lost. If a group fails, each entry is retried alone, so one bad entry cannot
 * fail the others. `onCommit` hears of every committed group (the projector starts on it).
 *
 * @example
 * const queue = createWriteQueue(store, (entries) => projector.kick(entries));
 * await queue.write({ events });
 */
export function createWriteQueue(
  store: Store,
  onCommit: (entries: readonly InboxEntry[]) => void = () => {},
): WriteQueue {
  let pending: Array<{ entry: InboxEntry; resolve: () => void; reject: (error: unknown) => void }> = [];

  async function flush() {
    const group = pending;
    pending = [];
    try {
      const entries = group.map((p) => p.entry);
      await store.append(entries);
      onCommit(entries);
      for (const p of group) p.resolve();
    } catch {
      for (const p of group) {
        try {
          await store.append([p.entry]);
          onCommit([p.entry]);
          p.resolve();
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }

  return {
    write(entry) {
      return new Promise((resolve, reject) => {
        if (pending.push({ entry, resolve, reject }) === 1) setImmediate(flush);
      });
    },
  };
}
