/**
 * The read model is kept twice: under the appspace's seq with every stored event, and under its
 * negation with unflagged events only. Both copies are exact, so `exclude_flagged=true` reads
 * rows of its own instead of subtracting flagged events at query time.
 *
 * @example
 * readKey(7, true); // -7
 */
export const readKey = (appspaceSeq: number, excludeFlagged: boolean) => (excludeFlagged ? -appspaceSeq : appspaceSeq);

/** The appspace a read key belongs to, and whether it counts unflagged events only. */
export const ofReadKey = (key: number) => ({ appspace: Math.abs(key), unflaggedOnly: key < 0 });

/** The read keys an event counts under: every event under its appspace, an unflagged one under the negation too. */
export const readKeysOf = (event: { appspace_seq: number; flagged: number }) =>
  event.flagged ? [event.appspace_seq] : [event.appspace_seq, -event.appspace_seq];
