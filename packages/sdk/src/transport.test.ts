import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startCollector, type HttpCollector } from "../test/http-collector.js";
import { fetchTransport } from "./transport.js";

let collector: HttpCollector;
beforeAll(async () => void (collector = await startCollector()));
afterAll(() => collector.close());

describe("fetchTransport over a real local server", () => {
  it("POSTs the body as text/plain (no CORS preflight) with the key in the URL", async () => {
    const answer = await fetchTransport(collector.url).send('{"events":[{"event_type":"view_cart"}]}');
    expect(answer).toMatchObject({ status: 200 });
    const [request] = collector.received.slice(-1);
    expect(request).toMatchObject({
      method: "POST",
      url: "/v1/api/analytics/ecommerce/batch?key=pk_test",
      contentType: "text/plain;charset=UTF-8",
    });
    expect(request!.body.events).toEqual([{ event_type: "view_cart" }]);
  });

  it("gives up on a collector that does not answer in time, as on a network failure", async () => {
    collector.hold();
    try {
      const started = Date.now();
      await expect(fetchTransport(collector.url, 200).send('{"events":[]}')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      collector.release();
    }
  });

  it("answers the events the collector skipped", async () => {
    collector.answer({
      status: 200,
      body: { ok: true, accepted: 1, errors: ["events[1]: transaction_id is required for purchase events"] },
    });
    expect(await fetchTransport(collector.url).send('{"events":[{},{}]}')).toMatchObject({
      status: 200,
      errors: ["events[1]: transaction_id is required for purchase events"],
    });
  });

  it("answers a failure's status, body and Retry-After", async () => {
    collector.answer({
      status: 429,
      headers: { "retry-after": "7" },
      body: { error: "Ecommerce event quota exceeded", code: "ingest.quota" },
    });
    expect(await fetchTransport(collector.url).send('{"events":[]}')).toMatchObject({
      status: 429,
      retryAfter: "7",
      text: '{"error":"Ecommerce event quota exceeded","code":"ingest.quota"}',
    });
  });

  it("rejects when the network fails", async () => {
    const closed = await startCollector();
    await closed.close();
    await expect(fetchTransport(closed.url).send('{"events":[]}')).rejects.toThrow();
  });

  it("asks for keepalive only for bodies that fit the browser's keepalive quota", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      const transport = fetchTransport(collector.url);
      await transport.send(JSON.stringify({ events: [{ pad: "x".repeat(100) }] }));
      await transport.send(JSON.stringify({ events: [{ pad: "x".repeat(30_000) }] }));
      expect(spy.mock.calls.map(([, init]) => init!.keepalive)).toEqual([true, false]);
    } finally {
      spy.mockRestore();
    }
  });

  it("never has more than 9 keepalive requests in flight, and sends a plain one without keepalive", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    collector.hold();
    try {
      const transport = fetchTransport(collector.url);
      const small = JSON.stringify({ events: [{ pad: "x" }] });
      const sends = Array.from({ length: 12 }, () => transport.send(small));
      const plain = transport.send(small, true);
      await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(13));
      expect(spy.mock.calls.map(([, init]) => init!.keepalive)).toEqual([
        ...Array(9).fill(true),
        false,
        false,
        false,
        false,
      ]);
      collector.release();
      await Promise.all([...sends, plain]);
      // Answered: the keepalive slots are free again.
      await transport.send(small);
      expect(spy.mock.calls.at(-1)![1]!.keepalive).toBe(true);
    } finally {
      collector.release();
      spy.mockRestore();
    }
  });
});

describe("fetchTransport beacons", () => {
  it("hands the body to navigator.sendBeacon with the key in the URL, and says whether it was taken", () => {
    const calls: [string, unknown][] = [];
    navigator.sendBeacon = (url, body) => (calls.push([String(url), body]), calls.length < 2);
    const transport = fetchTransport(collector.url);
    expect(transport.beacon('{"events":[]}')).toBe(true);
    expect(transport.beacon('{"events":[]}')).toBe(false);
    expect(calls[0]).toEqual([collector.url, '{"events":[]}']);
  });

  it("counts a beacon that throws (or a browser without one) as refused", () => {
    navigator.sendBeacon = () => {
      throw new TypeError("Illegal invocation");
    };
    expect(fetchTransport(collector.url).beacon("{}")).toBe(false);
    (navigator as { sendBeacon?: unknown }).sendBeacon = undefined;
    expect(fetchTransport(collector.url).beacon("{}")).toBe(false);
  });
});
