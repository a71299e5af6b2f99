import { shownUrl } from "../../http/shown-url.js";
import { splitUserInfo } from "../../http/user-info.js";

/** How a feed URL is fetched: how long it may take, and how large it may be. */
export interface FetchFeedOptions {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FEED_TIMEOUT_MS = 120_000;
export const DEFAULT_FEED_MAX_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** What a feed is sent as: JSON, CSV, JSON lines, plain text, or bytes of no stated kind. */
const FEED_TYPES =
  /^(application\/(json|x-ndjson|ndjson|jsonl|x-jsonlines|csv|octet-stream)|text\/(csv|plain|x-csv|comma-separated-values))$/;

/** A feed that could not be fetched: the message names the URL as logs may show it, and why. */
export class FeedFetchError extends Error {
  override name = "FeedFetchError";
}

/**
 * The text of a feed at `url`: redirects followed only within the URL's origin (a feed host
 * must not send the import elsewhere, to an internal address say), the whole fetch within
 * `timeoutMs`, the body read as it arrives and given up past `maxBytes`, and a content type a
 * feed comes in (an HTML login or error page is refused, not parsed as an empty feed).
 *
 * @example
 * const text = await fetchFeed("https://shop.example/feed.json", { timeoutMs: 120_000, maxBytes: 64 * 1024 * 1024 });
 */
export async function fetchFeed(url: string, { timeoutMs, maxBytes }: FetchFeedOptions): Promise<string> {
  const fail = (why: string) => new FeedFetchError(`${shownUrl(url)}: ${why}`);
  const signal = AbortSignal.timeout(timeoutMs);
  let target = new URL(url);
  try {
    for (let hop = 0; ; hop++) {
      const { url: bare, headers } = splitUserInfo(target);
      const res = await fetch(bare, { redirect: "manual", signal, headers });
      if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
        await res.body?.cancel();
        // Relative to where it was sent, user-info kept only on the same origin.
        const next = new URL(res.headers.get("location")!, target);
        if (next.origin !== target.origin)
          throw fail(`redirects to another origin (${next.origin}): refused; if you trust it, give that URL itself`);
        if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
        target = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw fail(`${res.status} ${res.statusText}`);
      }
      const type = res.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
      if (type && !FEED_TYPES.test(type)) {
        await res.body?.cancel();
        throw fail(`the answer is ${type}, not a feed (JSON, CSV or JSON lines)`);
      }
      if (Number(res.headers.get("content-length")) > maxBytes) {
        await res.body?.cancel();
        throw fail(`larger than ${maxBytes} bytes (see --max-size)`);
      }
      return await readCapped(res, maxBytes, () => fail(`larger than ${maxBytes} bytes (see --max-size)`));
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if ((error as Error).name === "TimeoutError")
      throw fail(`no complete answer within ${timeoutMs / 1000} s (see --timeout)`);
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw fail(cause.replaceAll(url, shownUrl(url)));
  }
}

async function readCapped(res: Response, maxBytes: number, tooLarge: () => FeedFetchError): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      // Given up: whether the cancel itself succeeds changes nothing.
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}
