/**
 * A URL as logs and messages may show it: without user-info and without the query string or
 * fragment, where tokens live (`https://user:pass@hooks.example/in?token=…` →
 * `https://hooks.example/in`). Text that is not a URL comes back as it is.
 *
 * @example
 * shownUrl("https://a:b@hooks.example/in?token=s3cret"); // "https://hooks.example/in"
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const query = parsed.search || parsed.hash ? "?…" : "";
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
  } catch {
    return url;
  }
}
