import type { Authenticate } from "./authenticate.js";
import { requireSecretKey, type AuthEnv } from "./route-requirement.js";

export type SecretEnv = AuthEnv;

/**
 * Guards a query or erase route: 401 without a valid key (or with a secret key outside the
 * Authorization header), 403 with a publishable one. Sets `c.var.auth`.
 *
 * @example
 * app.get("/overview", secretKey(authenticate), (c) => c.json({ id: c.var.auth.appspace.id }));
 */
export const secretKey = (authenticate: Authenticate) => requireSecretKey(authenticate);
