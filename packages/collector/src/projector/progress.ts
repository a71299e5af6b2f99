/**
 * Who waits for the projector to pass an inbox position: `advance` is told each new position,
 * and resolves every waiter it passed.
 */
export function createProgress() {
  let projected = -1;
  const waiters = new Set<{ position: number; resolve: (ok: boolean) => void }>();
  return {
    get projected() {
      return projected;
    },
    /** How many wait for a position not yet passed. */
    get waiting() {
      return waiters.size;
    },
    advance(position: number) {
      projected = Math.max(projected, position);
      for (const w of waiters) {
        if (projected >= w.position) {
          waiters.delete(w);
          w.resolve(true);
        }
      }
    },
    /** Resolves true once `position` is passed, false after `timeoutMs`. */
    wait(position: number, timeoutMs: number): Promise<boolean> {
      if (projected >= position) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = {
          position,
          resolve: (ok: boolean) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    /** Answers every waiter false (the projector stopped). */
    abandon() {
      for (const w of waiters) w.resolve(false);
      waiters.clear();
    },
  };
}
