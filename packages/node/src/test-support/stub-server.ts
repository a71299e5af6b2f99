import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
  at: number;
}

export interface Answer {
  status: number;
  /** Answer only after this many milliseconds (a collector that hangs). */
  delayMs?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A real local HTTP server that answers each request with the next of `answers` (the last one
 * repeats) and records what it received: for collector behaviour a test cannot make the real
 * collector show on demand (a 429, a 503).
 */
export async function startStubServer(answers: Answer[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
        at: Date.now(),
      });
      const answer = answers[Math.min(received.length, answers.length) - 1]!;
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
