import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";

export interface MetricsServer {
  server: Server;
  /** `http://host:port/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` in Prometheus' text format on a port of its own, so the scrape endpoint is not
 * reachable wherever the ingest port is exposed. Everything else is a 404.
 *
 * @example
 * const scrape = await serveMetrics(metrics, { port: 9464, hostname: "127.0.0.1" });
 */
export function serveMetrics(
  metrics: Metrics,
  { port, hostname }: { port: number; hostname: string },
): Promise<MetricsServer> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET" || path !== "/metrics") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `No route for ${req.method} ${path}`, code: "request.not_found" }));
      return;
    }
    try {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" }).end(body);
    } catch (error) {
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `Metrics failed: ${(error as Error).message}`, code: "metrics.failed" }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      const { port: bound } = server.address() as AddressInfo;
      const host = hostname.includes(":") ? `[${hostname}]` : hostname;
      resolve({
        server,
        url: `http://${host === "0.0.0.0" || host === "[::]" ? "localhost" : host}:${bound}/metrics`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
