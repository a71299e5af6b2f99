// A client that trickles its request cannot hold the server: real sockets against the real
// `serve` process.
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startServe, type Serving } from "./run-cli.test-support.js";
import { DEFAULT_SERVER_LIMITS } from "./server-limits.js";

const TRACK = "/v1/api/analytics/ecommerce/track";
const running: Serving[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

function shop() {
  const db = join(mkdtempSync(join(tmpdir(), "tally-server-limits-")), "shop.db");
  const created = runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]);
  expect(created.status, created.stderr).toBe(0);
  return { db, ...(JSON.parse(created.stdout) as { publishable_key: string; secret_key: string }) };
}

async function serve(db: string, ...more: string[]) {
  const s = await startServe(["--db", db, "--port", "0", "--no-demo", ...more]);
  running.push(s);
  return s;
}

/**
 * Sends `head`, then one byte of `trickle` every 500 ms, and resolves with what the server
 * answered and how long after the start it closed the connection.
 */
function slowClient(url: string, head: string, trickle: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(url);
    const started = Date.now();
    let answer = "";
    let sent = 0;
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(head));
    const timer = setInterval(() => {
      if (!socket.writable) return;
      socket.write(trickle[sent++ % trickle.length]!);
    }, 500);
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("error", () => {
      // A reset after the server's answer is how some closes look; the close event follows.
    });
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still open after 45 s: ${answer}`));
    }, 45_000);
  });
}

describe("the HTTP server's timeouts and body caps", { timeout: 60_000 }, () => {
  it("answers a trickled body 408 and closes it, by default within 30 s, and a trickled header within 10 s", async () => {
    const { db, publishable_key } = shop();
    const quick = await serve(db, "--headers-timeout", "2", "--request-timeout", "4");
    const byDefault = await serve(db);
    const body = (url: string) =>
      slowClient(
        url,
        `POST ${TRACK}?key=${publishable_key} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{`,
        ' "event_type" ',
      );
    const headers = (url: string) => slowClient(url, `POST ${TRACK} HTTP/1.1\r\nHost: x\r\n`, "X-Slow: yes\r\n");
    const [quickBody, quickHeaders, defaultBody, defaultHeaders] = await Promise.all([
      body(quick.url),
      headers(quick.url),
      body(byDefault.url),
      headers(byDefault.url),
    ]);
    for (const slow of [quickBody, quickHeaders, defaultBody, defaultHeaders])
      expect(slow.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(quickBody.closedAfterMs).toBeLessThan(4_000 + DEFAULT_SERVER_LIMITS.checkingIntervalMs + 1_500);
    expect(quickHeaders.closedAfterMs).toBeLessThan(2_000 + DEFAULT_SERVER_LIMITS.checkingIntervalMs + 1_500);
    expect(defaultBody.closedAfterMs).toBeLessThan(30_000);
    expect(defaultBody.closedAfterMs).toBeGreaterThan(25_000);
    expect(defaultHeaders.closedAfterMs).toBeLessThan(10_000 + DEFAULT_SERVER_LIMITS.checkingIntervalMs + 1_500);
    // The server still answers everyone else, and logged no error for the clients it let go.
    expect((await fetch(`${byDefault.url}/healthz`)).status).toBe(200);
    expect(byDefault.stderr()).toBe("");
  });

  it("caps a body under --collect-prefix while it streams, without reading it whole", async () => {
    const { db, publishable_key } = shop();
    const server = await serve(db, "--collect-prefix", "/api/s");
    const { port } = new URL(server.url);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // A chunked body (no Content-Length) that would go on for 64 MiB: the answer must come long before.
    const { status, sentWhenAnswered } = await new Promise<{ status: number; sentWhenAnswered: number }>(
      (resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: `/api/s/batch?key=${publishable_key}`,
            headers: { "content-type": "text/plain" },
          },
          (res) => {
            answered = true;
            resolve({ status: res.statusCode!, sentWhenAnswered: sent });
            res.resume();
            req.destroy();
          },
        );
        req.on("error", (error) => {
          if (!answered) reject(error);
        });
        const pump = () => {
          while (!answered && sent < 64 * 1024 * 1024) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!answered) req.end();
        };
        pump();
      },
    );
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(16 * 1024 * 1024);
  });
});
