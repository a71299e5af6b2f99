/** The collector's answer to one batch. */
export interface Answer {
  status: number;
  /** The `Retry-After` header of a 429 or 503. */
  retryAfter?: string | null;
  /** A 2xx answer's `errors`: events the collector skipped (they are not retried). */
  errors?: string[];
  /** A failed answer's body, for `onError`. */
  text?: string;
}

/**
 * How batches reach the collector.
 *
 * @example
 * const transport: Transport = { send: async (body) => ({ status: (await myPost(body)).status }), beacon: () => false };
 */
export interface Transport {
  /** POSTs one batch body (`plain`: never as a keepalive request); rejects only when the network failed. */
  send(body: string, plain?: boolean): Promise<Answer>;
  /** Hands a body to the browser to send even after the page is gone; false when refused. */
  beacon(body: string): boolean;
}

/** How long a send may take before it counts as failed: shorter than an entry's lease. */
export const FETCH_TIMEOUT = 8e3;

/**
 * `fetch` while the page lives, `navigator.sendBeacon` when it goes. Bodies are strings, so
 * both go as `text/plain;charset=UTF-8`, a CORS "simple request" without a preflight; the key
 * travels in `?key=` because a beacon cannot set headers. A send that takes longer than
 * `timeout` ms is aborted and fails like a network error. `keepalive` lets a small batch finish
 * after the page is gone; bigger ones would count against the same 64 KiB as the beacons, and
 * Chromium refuses more than 9 keepalive requests in flight per page, so past 9 a send goes
 * plain.
 *
 * @example
 * const transport = fetchTransport("https://tally.example.com/v1/api/analytics/ecommerce/batch?key=pk_live_1");
 * const answer = await transport.send('{"events":[…]}');
 */
export function fetchTransport(url: string, timeout = FETCH_TIMEOUT): Transport {
  let keepalives = 0;
  return {
    async send(body, plain) {
      // A collector that hangs must not hold up this page's later sends; if it did take the batch,
      // the retry is dropped there as a repeat.
      const signal = AbortSignal.timeout?.(timeout);
      const keepalive = !plain && body.length < 2e4 && keepalives < 9;
      if (keepalive) keepalives++;
      let res: Response;
      try {
        res = await fetch(url, { method: "POST", body, keepalive, signal });
      } finally {
        if (keepalive) keepalives--;
      }
      const text = await res.text();
      let errors: string[] | undefined;
      try {
        errors = JSON.parse(text).errors;
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      return { status: res.status, retryAfter: res.headers.get("retry-after"), errors, text };
    },
    beacon(body) {
      try {
        return navigator.sendBeacon(url, body);
      } catch {
        // Some browsers throw on a body over their limit instead of answering false.
        return false;
      }
    },
  };
}
