import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * The header that carries the address of the socket a request came in on: stamped by the server
 * itself on every request (./peer-address.ts), over any value a client sent. Next gives route
 * handlers no other way to the socket: it copies the socket's address into X-Forwarded-For only
 * when the client sent none.
 */
export const PEER_ADDRESS_HEADER = "x-portal-peer-address";

/**
 * Which hops in front of the server may speak for the client through X-Forwarded-For
 * (TRUSTED_PROXIES): none (the socket's address is the client), the proxies' addresses or
 * networks, or a number of proxies in front.
 */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "networks"; networks: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

/** An address as written (`::ffff:10.0.0.1`, `[::1]`, `10.0.0.1:5123`), or null if it is none. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  // net.isIP, not ipaddr.isValid: the latter also takes "1" and "0x7f.1" for IPv4 addresses.
  return isIP(address) ? ipaddr.process(address) : null;
}

/** One network: an address (a network of one) or a CIDR range; null if it is neither. */
function parseNetwork(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const [addressText, bitsText, ...rest] = text.trim().split("/");
  const address = parseAddress(addressText ?? "");
  if (!address || rest.length) return null;
  const width = address.kind() === "ipv4" ? 32 : 128;
  if (bitsText === undefined) return [address, width];
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) return null;
  return [address, Number(bitsText)];
}

/**
 * TRUSTED_PROXIES as configured: empty (no proxy: the socket's address is the client's), a number
 * of proxies in front (`1` for one load balancer), or a comma-separated list of the proxies'
 * addresses and CIDR networks (`10.0.0.0/8, 192.0.2.7, fd00::/8`). Throws with a message saying
 * what is wrong.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new Error("a number of proxies is between 1 and 10");
    return { kind: "hops", hops };
  }
  const networks = text.split(",").map((entry) => {
    const network = parseNetwork(entry);
    if (!network) throw new Error(`"${entry.trim()}" is not an IP address or CIDR network`);
    return network;
  });
  return { kind: "networks", networks };
}

const isTrusted = (address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TrustedProxies) =>
  trusted.kind === "networks" &&
  trusted.networks.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  );

/** An address in one spelling (IPv4-mapped IPv6 as IPv4), or what was written, if it is none. */
function canonical(text: string): string {
  return parseAddress(text)?.toString() ?? text.trim().slice(0, 64);
}

/**
 * The client's address: the socket's (`peer`) unless it belongs to a trusted proxy, in which case
 * the X-Forwarded-For entries that trusted proxies appended are read from the right (each proxy
 * appends the address it was reached from; everything to the left of the first untrusted one is
 * the client's to write). With a number of hops, the entry that many hops away from the socket.
 * "unknown" without a peer (a request that did not come through the server's socket).
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trusted: TrustedProxies,
): string {
  if (!peer) return "unknown";
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the socket, then the proxies' entries from the right.
  const hops = [peer, ...forwarded.reverse()];
  if (trusted.kind === "none") return canonical(peer);
  if (trusted.kind === "hops") return canonical(hops[Math.min(trusted.hops, hops.length - 1)]!);
  for (const [index, hop] of hops.entries()) {
    const address = parseAddress(hop);
    if (!address || !isTrusted(address, trusted) || index === hops.length - 1)
      return canonical(hop);
  }
  return "unknown";
}
