import init from "./0001-init.js";
import policies from "./0002-policies.js";
import sources from "./0003-sources.js";

/** Every migration in order; a migration's version is its position + 1. Append, never edit. */
export const MIGRATIONS: readonly string[] = [init, policies, sources];
