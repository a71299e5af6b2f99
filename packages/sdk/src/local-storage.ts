/**
 * Reads `key` from localStorage, after writing `value` when one is given (`null` removes the
 * key). Storage that is blocked or full (private modes, sandboxed frames, quota) answers
 * undefined and takes nothing, without throwing.
 *
 * @example
 * local("_tally_consent", "0"); // "0"
 * local("_tally_consent"); // "0"
 */
export function local(key: string, value?: string | null): string | undefined {
  try {
    if (value === null) localStorage.removeItem(key);
    else if (value != null) localStorage[key] = value;
    return localStorage[key];
  } catch {
    // Blocked or full: the callers go on with what they hold in memory.
  }
}

/**
 * The JSON value stored under `key`, or undefined when there is none, it is not JSON, or
 * storage is blocked.
 *
 * @example
 * localJson<string[]>("_tally_q") || [];
 */
export function localJson<T>(key: string): T | undefined {
  try {
    return JSON.parse(local(key)!) ?? undefined;
  } catch {
    // Not JSON (a value another script wrote): as if there were none.
  }
}
