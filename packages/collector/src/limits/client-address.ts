import type { Context } from "hono";
import type { IncomingMessage } from "node:http";

/**
 * The address a request's bucket is kept under. By default the socket's peer; with
 * `trustProxy` (`serve --trust-proxy`, behind one reverse proxy that appends the client it saw to
 * `X-Forwarded-For`) the last address of that header, which the proxy wrote: any earlier one the
 * client may have made up. An IPv6 address counts by its /64, which one host typically holds whole.
 * `undefined` where the request came through no socket (in-process tests).
 */
export function clientAddressOf(c: Context, trustProxy: boolean): string | undefined {
  let address: string | undefined;
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    address = forwarded?.split(",").at(-1)?.trim() || undefined;
  }
  address ??= (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
  return address === undefined ? undefined : bucketOf(address);
}

function bucketOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
