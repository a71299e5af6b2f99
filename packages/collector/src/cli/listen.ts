import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { CliError } from "./args.js";
import { applyServerLimits, DEFAULT_SERVER_LIMITS, serverOptionsOf, type ServerLimits } from "./server-limits.js";

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/**
 * Binds `host:port` before anything else is created, so a busy port costs nothing. Requests go
 * to `handler()`, which answers 503 until the app behind it is ready; the connection carries the
 * server's timeouts and cap (`limits`).
 */
export function listen(
  host: string,
  port: number,
  handler: () => Fetch | undefined,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): Promise<{ server: Server; port: number }> {
  const fetch: Fetch = (request, env) => {
    const app = handler();
    return app
      ? app(request, env)
      : Response.json(
          { error: "The collector is starting", code: "server.starting" },
          { status: 503, headers: { "Retry-After": "1" } },
        );
  };
  const server = createAdaptorServer({ fetch, serverOptions: serverOptionsOf(limits) }) as Server;
  applyServerLimits(server, limits);
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new CliError(listenProblem(error, host, port))));
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use (another tally-collector, or \`pnpm start\`?): stop that process, or choose another --port`;
    case "EACCES":
      return `no permission to listen on port ${port}: choose a port above 1023 with --port`;
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot listen on --host ${host}: it is not an address of this machine (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}
