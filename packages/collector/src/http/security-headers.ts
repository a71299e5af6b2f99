import { createMiddleware } from "hono/factory";

/**
 * The policy of an HTML answer: its own scripts, styles and images, no frames, no plugins, and
 * requests only to its own origin (the collector's pages talk to the collector alone).
 */
export const HTML_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * Headers on every answer: `X-Content-Type-Options: nosniff` (a JSON or script answer is never
 * read as something else), `Referrer-Policy: no-referrer` (no collector URL leaves in a
 * Referer), and a Content-Security-Policy on HTML answers that have none of their own.
 *
 * @example
 * app.use(securityHeaders());
 */
export function securityHeaders() {
  return createMiddleware(async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "no-referrer");
    // A route with a stricter policy of its own (the dashboard's) keeps it.
    if (c.res.headers.get("content-type")?.startsWith("text/html") && !c.res.headers.has("Content-Security-Policy")) {
      c.res.headers.set("Content-Security-Policy", HTML_CSP);
    }
  });
}
