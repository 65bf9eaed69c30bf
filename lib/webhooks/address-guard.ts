import type dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { demoMode, env } from "@/lib/env";
import { DeliveryFailureError } from "./delivery-failure";
import type { HostResolver, ResolvedAddress } from "./resolver";

/** A webhook target the guard refuses: "blocked_address" in the delivery log (the detail is logged). */
export class RefusedTargetError extends DeliveryFailureError {
  constructor(message: string) {
    super("blocked_address", message);
    this.name = "RefusedTargetError";
  }
}

const cidrs = (ranges: string[]) => ranges.map((range) => ipaddr.parseCIDR(range));

/**
 * IPv4 blocks that are not globally routable whatever ipaddr.js calls them (RFC 6890 and its
 * updates): "this network" (0.0.0.0 included), private, shared (carrier-grade NAT), loopback,
 * link-local, IETF protocol assignments, documentation, 6to4 relays, benchmarking, multicast,
 * reserved, broadcast.
 */
const NOT_GLOBAL_V4 = cidrs([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
]);

/** IPv6 global unicast is 2000::/3; inside it, these are not globally routable unicast. */
const GLOBAL_V6 = ipaddr.parseCIDR("2000::/3");
const NOT_GLOBAL_V6 = cidrs([
  // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID …
  "2001::/23",
  "2001:db8::/32",
  // 6to4: the IPv4 address it carries would be reached through a relay.
  "2002::/16",
  "3fff::/20",
]);

const inAny = (address: ipaddr.IPv4 | ipaddr.IPv6, ranges: ReturnType<typeof cidrs>) =>
  ranges.some(
    ([network, bits]) => address.kind() === network.kind() && address.match(network, bits),
  );

/**
 * Only globally routable unicast addresses, written the standard way: a dotted quad of four
 * decimal numbers (so `2130706433`, `0177.0.0.1` or `0x7f.1`, which some resolvers and libraries
 * read as 127.0.0.1, are refused as such) or an IPv6 address inside 2000::/3. So every IPv6 form
 * that carries an IPv4 address (IPv4-compatible `::7f00:1`, IPv4-mapped `::ffff:…`, NAT64
 * `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4, Teredo) is refused, as are unique local, site-local
 * (fec0::/10), link-local, multicast, loopback and unspecified addresses. ipaddr.js's own range
 * names must say "unicast" too.
 */
export function isPublicAddress(written: string): boolean {
  const text = written.replace(/^\[|\]$/g, "");
  const version = isIP(text);
  if (version === 0) return false;
  const address = ipaddr.parse(text);
  if (address.range() !== "unicast") return false;
  if (version === 4) return !inAny(address, NOT_GLOBAL_V4);
  return address.match(GLOBAL_V6) && !inAny(address, NOT_GLOBAL_V6);
}

/**
 * Local receivers are allowed in demo mode and in tests (a developer's own http://localhost
 * receiver); never in production.
 */
export function localTargetsAllowed(): boolean {
  return demoMode() || env().NODE_ENV === "test";
}

/**
 * What an endpoint's URL must be, before any DNS: https (http too where local receivers are
 * allowed), no credentials in it, and no address literal outside the public internet. Returns the
 * catalog key of the problem (integrations.errors.*), or null.
 */
export function urlProblem(
  value: string,
  allowLocal: boolean,
): "urlInvalid" | "urlNotHttps" | "urlNotPublic" | null {
  const url = URL.parse(value);
  if (!url || !url.hostname || url.username || url.password) return "urlInvalid";
  if (url.protocol !== "https:" && !(allowLocal && url.protocol === "http:"))
    return url.protocol === "http:" ? "urlNotHttps" : "urlInvalid";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (
    !allowLocal &&
    (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && !isPublicAddress(host)))
  )
    return "urlNotPublic";
  return null;
}

/** Where local receivers are allowed, `localhost` names loopback without asking DNS (c-ares reads no hosts file). */
const LOOPBACK: ResolvedAddress[] = [
  { address: "127.0.0.1", family: 4 },
  { address: "::1", family: 6 },
];

/**
 * A DNS lookup for outbound sockets, through the bounded resolver (./resolver.ts), that refuses a
 * name resolving to any address that is not public, so a hostname cannot point inside (and the
 * socket connects to the very address that was checked: no second resolution for a rebinding DNS
 * server to answer differently).
 */
export function guardedLookup(allowLocal: boolean, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    const local = allowLocal && (hostname === "localhost" || hostname.endsWith(".localhost"));
    (local ? Promise.resolve(LOOPBACK) : resolve(hostname)).then(
      (found) => {
        const refused = allowLocal
          ? undefined
          : found.find((entry) => !isPublicAddress(entry.address));
        const addresses = found.filter(
          (entry) => !options.family || entry.family === options.family,
        );
        if (refused || addresses.length === 0)
          return callback(
            new RefusedTargetError(
              `refused: ${hostname} resolves to ${refused?.address ?? "nothing usable"}, not a public address`,
            ),
            "",
            4,
          );
        if (options.all)
          return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(
            null,
            addresses,
          );
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };
}

/** An address literal is connected to without a lookup: judged here instead. */
export function assertLiteralAllowed(hostname: string, allowLocal: boolean): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (!allowLocal && isIP(host) && !isPublicAddress(host))
    throw new RefusedTargetError(`refused: ${host} is not a public address`);
}
