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
  } catch {}
}
