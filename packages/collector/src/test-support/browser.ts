/**
 * A desktop Chrome's User-Agent, for tests that play the browser with Node's fetch: Node's own
 * (`node`) is a bot to the collector's bot rule, which drops publishable-key events from bots.
 */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
