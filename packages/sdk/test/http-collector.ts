import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the collector received. */
export interface Received {
  method: string;
  url: string;
  contentType?: string;
  body: { events: Record<string, any>[]; sdk?: { dropped: number; expired: number }; [k: string]: unknown };
}

/** An answer to script: a status, headers, and a body (by default what the real collector says). */
export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the collector's `/batch` route: it records
 * every request and answers the next scripted status (200 `{ ok, accepted }` once the script
 * runs out), with the CORS headers the collector sends. Transport tests talk to it over the
 * network instead of mocking fetch.
 */
export async function startCollector() {
  const received: Received[] = [];
  const script: Scripted[] = [];
  let hold: Promise<unknown> | undefined;
  let release = () => {};
  const server: Server = createServer(async (req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-expose-headers": "Retry-After" };
    if (req.method === "OPTIONS")
      return res.writeHead(204, { ...cors, "access-control-allow-headers": "content-type" }).end();
    const text = await read(req);
    let body: Received["body"];
    try {
      body = JSON.parse(text);
    } catch {
      body = { events: [], raw: text };
    }
    received.push({ method: req.method!, url: req.url!, contentType: req.headers["content-type"], body });
    await hold;
    const next = script.shift() ?? { status: 200 };
    const answer =
      next.body ??
      (next.status === 200
        ? { ok: true, accepted: body.events?.length ?? 0 }
        : { error: "scripted", code: "test.scripted" });
    res
      .writeHead(next.status, { "content-type": "application/json", ...cors, ...next.headers })
      .end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/v1/api/analytics/ecommerce/batch?key=pk_test`,
    received,
    /** Every event received, in order. */
    events: () => received.flatMap((r) => r.body.events ?? []),
    /** Answers the next requests with these statuses, in order. */
    answer: (...answers: Scripted[]) => void script.push(...answers),
    /** Holds every answer until `release` is called. */
    hold: () => void (hold = new Promise<void>((r) => (release = r))),
    release: () => ((hold = undefined), release()),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export type HttpCollector = Awaited<ReturnType<typeof startCollector>>;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => resolve(text));
  });
}
