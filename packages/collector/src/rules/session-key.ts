/** The session an event belongs to: its session id, or a one-event session of its own. */
export const sessionKey = (e: { session_id: string | null; seq: number }) => e.session_id ?? `e:${e.seq}`;
