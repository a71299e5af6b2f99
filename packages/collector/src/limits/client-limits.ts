import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { Auth, Authenticate } from "../auth/authenticate.js";
import { TallyError } from "../errors.js";
import { clientAddressOf } from "./client-address.js";
import { createTokenBuckets, type Rate, type TokenBuckets } from "./token-buckets.js";

/** The limits on publishable-key (browser) traffic: `serve --limit-key`, `--limit-address`, `--trust-proxy`. */
export interface ClientLimitOptions {
  /** Per appspace's publishable traffic (its publishable key, its Hello Retail website id); `null` = off. */
  key: Rate | null;
  /** Per client address; `null` = off. */
  address: Rate | null;
  /** Take the client address from `X-Forwarded-For` (set by one trusted reverse proxy). */
  trustProxy: boolean;
}

export const DEFAULT_KEY_RATE: Rate = { rate: 1000, burst: 2000 };
export const DEFAULT_ADDRESS_RATE: Rate = { rate: 100, burst: 200 };

export interface ClientLimits {
  /** 429 when the appspace's publishable traffic is over its rate; a secret key is never limited. */
  refuseOverKeyRate(auth: Auth): void;
  /** 429 when the client address is over its rate, before the body is read; never a secret key's request. */
  refuseOverAddressRate(c: Context): Promise<void>;
  /** `refuseOverAddressRate` as a route's middleware. */
  limitByAddress: MiddlewareHandler;
}

const tooMany = (message: string, wait: number) =>
  new TallyError(429, "request.rate_limited", message, { "Retry-After": String(wait) });

/** The key a request's Authorization header carries: a Bearer token or Basic auth's user (Segment's write key). */
function headerKeyOf(authorization: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const basic = authorization?.match(/^Basic\s+(\S+)\s*$/i)?.[1];
  return (basic && Buffer.from(basic, "base64").toString("utf8").split(":")[0]) || undefined;
}

/**
 * Token buckets on browser traffic, which anyone can send (the publishable key is in every shop
 * page): one per appspace and one per client address. The shop's own server — a secret key in
 * the Authorization header — is never limited by either, so a browser-side flood, even from the
 * server's own address, cannot refuse its orders.
 *
 * @example
 * const limits = createClientLimits({ key: DEFAULT_KEY_RATE, address: DEFAULT_ADDRESS_RATE, trustProxy: false }, authenticate);
 * app.post("/track", limits.limitByAddress, handler);
 */
export function createClientLimits(options: ClientLimitOptions, authenticate: Authenticate): ClientLimits {
  const perKey: TokenBuckets | undefined = options.key ? createTokenBuckets(options.key) : undefined;
  const perAddress: TokenBuckets | undefined = options.address ? createTokenBuckets(options.address) : undefined;
  function refuseOverKeyRate(auth: Auth) {
    if (!perKey || auth.keyKind !== "publishable") return;
    const wait = perKey.take(String(auth.appspace.seq));
    if (wait) throw tooMany("Too many requests for this publishable key; send again later", wait);
  }
  async function refuseOverAddressRate(c: Context) {
    if (!perAddress) return;
    const key = headerKeyOf(c.req.header("authorization"));
    // An unknown header key is refused here as the route would refuse it, without spending a token.
    if (key && (await authenticate({ value: key, in: "header" })).keyKind === "secret") return;
    const address = clientAddressOf(c, options.trustProxy);
    const wait = address === undefined ? 0 : perAddress.take(address);
    if (wait) throw tooMany("Too many requests from this address; send again later", wait);
  }
  return {
    refuseOverKeyRate,
    refuseOverAddressRate,
    limitByAddress: createMiddleware(async (c, next) => {
      await refuseOverAddressRate(c);
      await next();
    }),
  };
}
