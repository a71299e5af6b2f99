import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { keyOf, requireSecret, type Auth, type Authenticate } from "./authenticate.js";

/**
 * What a route needs: `secret` (queries, erase: a secret key in the Authorization header),
 * `ingest` (any key: header, `?key=` or the body's `key`, a secret one only in the header), or
 * `write-key` (the Segment-compatible routes: any key, as Segment's clients send their write key:
 * Basic auth, or the body's `writeKey`), or `none` (public, or a route that names its appspace
 * otherwise, as Hello Retail's does).
 */
export type KeyRequirement = "secret" | "ingest" | "write-key" | "none";

export type AuthEnv = { Variables: { auth: Auth } };

const declared = new WeakMap<object, KeyRequirement>();

function declare<T extends object>(requirement: KeyRequirement, handler: T): T {
  declared.set(handler, requirement);
  return handler;
}

/** The requirement a handler declares, if it is one of this file's. */
export function requirementOf(handler: unknown): KeyRequirement | undefined {
  return typeof handler === "function" ? declared.get(handler) : undefined;
}

/**
 * Declares, first in a route's handlers, that it needs a secret key; 401 without a valid key,
 * 403 with a publishable one. Sets `c.var.auth`. Its answers carry `Cache-Control: no-store`:
 * a shop's figures and its customers' data stay out of every cache on the way.
 *
 * @example
 * app.get("/overview", requireSecretKey(authenticate), (c) => c.json(overview(c.var.auth.appspace)));
 */
export function requireSecretKey(authenticate: Authenticate): MiddlewareHandler<AuthEnv> {
  return declare(
    "secret",
    createMiddleware<AuthEnv>(async (c, next) => {
      c.set("auth", requireSecret(await authenticate(keyOf(c.req.header("authorization"), c.req.query("key")))));
      await next();
      c.res.headers.set("Cache-Control", "no-store");
    }),
  );
}

/**
 * Declares that a route takes any key. A key in the header or `?key=` is checked at once (a
 * stranger is refused before the body is read) and sets `c.var.auth`; otherwise the route reads
 * the body's `key` and calls `authenticate` itself.
 *
 * @example
 * app.post("/track", requireIngestKey(authenticate), async (c) => { const auth = c.var.auth ?? (await authenticate(keyOf(undefined, undefined, body.key))); … });
 */
export function requireIngestKey(authenticate: Authenticate): MiddlewareHandler<AuthEnv> {
  return declare(
    "ingest",
    createMiddleware<AuthEnv>(async (c, next) => {
      const key = keyOf(c.req.header("authorization"), c.req.query("key"));
      if (key) c.set("auth", await authenticate(key));
      await next();
    }),
  );
}

/**
 * Declares that a Segment-compatible route takes any key as its write key, which the route reads
 * itself, where Segment's clients put it (Basic auth, or the body's `writeKey`).
 *
 * @example
 * app.post("/batch", writeKeyRequired, async (c) => { const auth = await authenticate(writeKeyOf(c.req.header("authorization"), body)); … });
 */
export const writeKeyRequired: MiddlewareHandler = declare("write-key", async (_c, next) => {
  await next();
});

/**
 * Declares a route that needs no key.
 *
 * @example
 * app.get("/healthz", noKeyRequired, (c) => c.json({ ok: true }));
 */
export const noKeyRequired: MiddlewareHandler = declare("none", async (_c, next) => {
  await next();
});
