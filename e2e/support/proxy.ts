// A small HTTP reverse proxy, as a shop's nginx or Caddy would be: each request goes to the
// origin `route` picks for its path; `hold` may keep an answer back for a while after the origin
// has given it (a collector that answers slowly).
import { createServer, request, type IncomingMessage } from "node:http";

export interface ProxyOptions {
  /** The origin (`http://127.0.0.1:PORT`) a request path goes to. */
  route(path: string): string;
  /** Milliseconds to hold the origin's answer back; 0 or undefined sends it at once. */
  hold?(req: IncomingMessage): number | undefined;
}

export interface Proxy {
  url: string;
  /** Every request that passed, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startProxy({ route, hold }: ProxyOptions): Promise<Proxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!, route(req.url!));
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const wait = hold?.(req) ?? 0;
        const body: Buffer[] = [];
        answer.on("data", (chunk) => body.push(chunk));
        answer.on("end", () =>
          setTimeout(() => {
            if (res.destroyed) return; // the browser gave up waiting
            res.writeHead(answer.statusCode!, answer.headers).end(Buffer.concat(body));
          }, wait),
        );
      },
    );
    upstream.on("error", () => res.destroyed || res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
