import init from "./0001-init.js";
import policies from "./0002-policies.js";
import hardening from "./0003-hardening.js";

/** Every migration in order; a migration's version is its position + 1. Append, never edit. */
export const MIGRATIONS: readonly string[] = [init, policies, hardening];
