import type { Server } from "node:http";

/** How long the HTTP server waits for a client, and how many clients it holds at once. */
export interface ServerLimits {
  /** Milliseconds a client has to send a request's headers. */
  headersTimeoutMs: number;
  /** Milliseconds a client has to send a whole request, body included; past it Node answers 408 and closes. */
  requestTimeoutMs: number;
  /** How often Node looks for requests past those timeouts (Node's own default is 30 s). */
  checkingIntervalMs: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Open connections past which new ones are refused at once. */
  maxConnections: number;
}

/**
 * The defaults: one unauthenticated client that trickles its headers or body is answered 408
 * and let go within ~10 s or 30 s (the request timeout plus at most one check; Node's own
 * defaults held it for five minutes), and a flood of idle connections meets a cap instead of the
 * process's file limit.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 28_000,
  checkingIntervalMs: 1_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 10_000,
};

/** The `node:http` server options that carry the limits Node reads only at creation. */
export function serverOptionsOf(limits: ServerLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(limits.checkingIntervalMs, limits.headersTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/** Sets the limits Node reads from the server object. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}
