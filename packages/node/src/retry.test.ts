// What the real collector cannot be made to answer on demand (a 429, a 503, a month-long
// Retry-After) comes from a tiny real HTTP server; the client's own fetch talks to it.
import { afterEach, describe, expect, it } from "vitest";
import {
  createClient,
  TallyRejectedError,
  TallyRetryAfterError,
  TallyUnreachableError,
  type TallyError,
} from "./index.js";
import { startStubServer } from "./test-support/stub-server.js";

const key = "sk_test_retry";
const ok = (accepted = 1) => ({ status: 200, body: { ok: true, accepted } });
const order = (id: string) => ({ transaction_id: id, revenue: 10, currency: "USD" });

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

async function stub(answers: Parameters<typeof startStubServer>[0]) {
  const server = await startStubServer(answers);
  stop = server.close;
  return server;
}

describe("retries", () => {
  it("waits out a 429's Retry-After, then delivers the same batch", async () => {
    const server = await stub([
      {
        status: 429,
        headers: { "retry-after": "1" },
        body: { error: "Ecommerce event quota exceeded", code: "quota.exceeded" },
      },
      ok(),
    ]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, retry: { delay: 10 } });
    await tally.purchase(order("A-1"));
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.at - server.received[0]!.at).toBeGreaterThanOrEqual(950);
    expect(server.received[1]!.body).toEqual(server.received[0]!.body);
    expect(server.received[0]!.url).toBe("/v1/api/analytics/ecommerce/batch");
    expect(server.received[0]!.headers.authorization).toBe(`Bearer ${key}`);
  });

  it("rejects at once when Retry-After is longer than maxRetryAfter, instead of sleeping", async () => {
    const server = await stub([
      {
        status: 429,
        headers: { "retry-after": String(14 * 86400) },
        body: { error: "Ecommerce event quota exceeded" },
      },
    ]);
    const errors: TallyError[] = [];
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, onError: (e) => errors.push(e) });
    const started = Date.now();
    const error = await tally.purchase(order("A-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyRetryAfterError);
    expect(error.retryAfterMs).toBe(14 * 86400 * 1000);
    expect(error.message).toMatch(/answered 429 with Retry-After 1209600 s, longer than maxRetryAfter \(60 s\)/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.received).toHaveLength(1);
    expect(errors).toEqual([error]);
    await expect(tally.flush()).rejects.toBe(error);
  });

  it("the bound is configurable: 2 s allows a 1 s wait and refuses a 3 s one", async () => {
    const server = await stub([
      { status: 503, headers: { "retry-after": "1" } },
      { status: 503, headers: { "retry-after": "3" } },
    ]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, maxRetryAfter: 2000 });
    const error = await tally.purchase(order("A-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyRetryAfterError);
    expect(error.status).toBe(503);
    expect(server.received).toHaveLength(2);
  });

  it("backs off with jitter on 5xx until an answer, then delivers", async () => {
    const server = await stub([{ status: 500 }, { status: 502 }, { status: 503 }, ok()]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, retry: { delay: 50, maxDelay: 200 } });
    await tally.purchase(order("A-1"));
    expect(server.received).toHaveLength(4);
    expect(new Set(server.received.map((r) => r.body.events[0].event_id)).size).toBe(1);
  });

  it("retries a request that timed out", async () => {
    const server = await stub([{ status: 200, delayMs: 5000, body: { ok: true, accepted: 1 } }, ok()]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, timeout: 300, retry: { delay: 10 } });
    await tally.purchase(order("A-1"));
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.body).toEqual(server.received[0]!.body);
  });

  it("gives up after retry.limit retries with TallyUnreachableError", async () => {
    const server = await stub([
      { status: 503, body: { error: "Collector is catching up", code: "ingest.backpressure" } },
    ]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, retry: { limit: 2, delay: 10 } });
    const error = await tally.purchase(order("A-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyUnreachableError);
    expect(error.message).toMatch(/answered 503: Collector is catching up \(ingest.backpressure\), after 3 attempt/);
    expect(server.received).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 413, 422])("never retries a %i", async (status) => {
    const server = await stub([{ status, body: { error: "No", code: "test.no" } }, ok()]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, retry: { delay: 1 } });
    const error = await tally.purchase(order("A-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyRejectedError);
    expect(error).toMatchObject({ status, code: "test.no" });
    expect(error.message).toBe(`POST ${server.url}/v1/api/analytics/ecommerce/batch answered ${status}: No (test.no)`);
    // Give a retry every chance to happen before counting.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.received).toHaveLength(1);
  });

  it("retries a network error (nothing listening) and reports it once the retries run out", async () => {
    const server = await stub([ok()]);
    await server.close();
    stop = undefined;
    const tally = createClient({ key, endpoint: server.url, flushInterval: 0, retry: { limit: 2, delay: 10 } });
    const error = await tally.purchase(order("A-1")).catch((e) => e);
    expect(error).toBeInstanceOf(TallyUnreachableError);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/unreachable after 3 attempt/);
  });
});

describe("batching", () => {
  it("sends a batch when it is full and the rest after flushInterval, at most 100 a request", async () => {
    const server = await stub([ok(100), ok(100), ok(50)]);
    const tally = createClient({ key, endpoint: server.url, flushInterval: 300 });
    const calls = Array.from({ length: 250 }, (_, i) => tally.purchase(order(`B-${i}`)));
    await Promise.all(calls.slice(0, 200));
    expect(server.received.map((r) => r.body.events.length)).toEqual([100, 100]);
    const started = Date.now();
    await Promise.all(calls);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(server.received.map((r) => r.body.events.length)).toEqual([100, 100, 50]);
    expect(
      server.received.flatMap((r) => r.body.events.map((e: { transaction_id: string }) => e.transaction_id)),
    ).toEqual(Array.from({ length: 250 }, (_, i) => `B-${i}`));
  });

  it("batchSize smaller than 100 is honoured", async () => {
    const server = await stub([ok(10)]);
    const tally = createClient({ key, endpoint: server.url, batchSize: 10, flushInterval: 60_000 });
    for (let i = 0; i < 25; i++) void tally.purchase(order(`C-${i}`));
    await tally.close();
    expect(server.received.map((r) => r.body.events.length)).toEqual([10, 10, 5]);
  });

  it("close() rejects when an earlier batch failed, though nobody awaited its calls", async () => {
    const server = await stub([{ status: 401, body: { error: "Invalid API key", code: "auth.invalid_key" } }, ok(5)]);
    const tally = createClient({ key, endpoint: server.url, batchSize: 5, flushInterval: 60_000 });
    for (let i = 0; i < 10; i++) void tally.purchase(order(`D-${i}`));
    await expect(tally.close()).rejects.toThrow(/answered 401: Invalid API key/);
    expect(server.received).toHaveLength(2);
  });
});

describe("identify", () => {
  it("posts Segment's identify shape with the secret key as the Basic auth user", async () => {
    const server = await stub([ok()]);
    const tally = createClient({ key, endpoint: server.url });
    const anonymous = "0f8c5a12-3b4c-4d5e-8f60-718293a4b5c6";
    await tally.identify("user-9", { cookie: `theme=dark; _tally=${encodeURIComponent(`${anonymous}.9d3a77b0`)}` });
    await tally.identify(42, "anon-2");
    const [first, second] = server.received;
    expect(first!.url).toBe("/v1/identify");
    expect(first!.headers.authorization).toBe(`Basic ${Buffer.from(`${key}:`).toString("base64")}`);
    expect(first!.body).toMatchObject({ type: "identify", userId: "user-9", anonymousId: anonymous });
    expect(first!.body.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.body).toMatchObject({ userId: "42", anonymousId: "anon-2" });
  });

  it("close() waits for an identify on its way and reports its failure; a 404 is not retried", async () => {
    const server = await stub([
      { status: 503, headers: { "retry-after": "1" } },
      { status: 404, body: { error: "Not found", code: "http.not_found" } },
    ]);
    const errors: TallyError[] = [];
    const tally = createClient({ key, endpoint: server.url, onError: (e) => errors.push(e) });
    void tally.identify("user-9", "anon-1");
    await expect(tally.close()).rejects.toThrow(
      `POST ${server.url}/v1/identify answered 404: Not found (http.not_found)`,
    );
    expect(server.received).toHaveLength(2);
    expect(errors).toEqual([expect.objectContaining({ name: "TallyRejectedError", status: 404 })]);
  });
});
