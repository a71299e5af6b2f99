import { local } from "./local-storage.js";

/**
 * The visitor's choice, kept in localStorage: `true`, `false`, or undefined when none was made
 * (or storage is blocked). With an argument, stores that choice first. Read at every use, so a
 * choice made in one tab holds in the others at once.
 *
 * @example
 * storedConsent(false); // the visitor said no
 * storedConsent() ?? true; // track unless the visitor said no
 */
export function storedConsent(choice?: boolean): boolean | undefined {
  const stored = local("_tally_consent", choice == null ? choice : choice ? "1" : "0");
  return stored ? stored == "1" : undefined;
}

/** The browser's Do Not Track setting is on. */
export const doNotTrack = () => navigator.doNotTrack == "1";
