import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

const V4_PRIVATE: Array<[number, number]> = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10, carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata at 169.254.169.254)
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0xe0000000, 3], // multicast and reserved, 224/3
];

function v4Private(ip: string): boolean {
  const n = ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
  return V4_PRIVATE.some(([net, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(net / 2 ** (32 - bits)));
}

/**
 * Whether an IP address is one a webhook must not reach without `--allow-private`: loopback,
 * link-local, private, carrier-grade NAT, unspecified or multicast, in IPv4 or IPv6 (an
 * IPv4-mapped IPv6 address counts as its IPv4 address).
 *
 * @example
 * isPrivateAddress("169.254.169.254"); // true
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return v4Private(ip);
  const v6 = ip.toLowerCase().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return v4Private(mapped[1]!);
  if (v6 === "::" || v6 === "::1") return true;
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
  return /^(f[cd]|fe[89ab]|ff)/.test(v6);
}

/**
 * The first private address `url`'s host is or resolves to, or undefined when all are public
 * (or the name does not resolve: the send itself then fails on its own).
 *
 * @example
 * await privateAddressOf("http://localhost:9000/hook"); // "127.0.0.1"
 */
export async function privateAddressOf(url: string): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? host : undefined;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return undefined;
  }
  return addresses.find((a) => isPrivateAddress(a.address))?.address;
}
