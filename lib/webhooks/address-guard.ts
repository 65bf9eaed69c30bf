import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { demoMode, env } from "@/lib/env";

/** A webhook target the guard refuses: said as such in the delivery log. */
export class RefusedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedTargetError";
  }
}

/**
 * Only public unicast addresses: ipaddr.js names every special range (loopback, private,
 * link-local, unique local, carrier-grade NAT, multicast, reserved, 6to4, Teredo …) and calls the
 * rest "unicast". An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
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

/**
 * A DNS lookup for outbound sockets that refuses a name resolving to any non-public address, so a
 * hostname cannot point inside (and the socket connects to the very address that was checked: no
 * second resolution for a rebinding DNS server to answer differently).
 */
export function guardedLookup(allowLocal: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const refused = allowLocal
        ? undefined
        : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused || addresses.length === 0) {
        return callback(
          new RefusedTargetError(
            `refused: ${hostname} resolves to ${refused?.address ?? "nothing"}, not a public address`,
          ),
          "",
          4,
        );
      }
      if (options.all)
        return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(
          null,
          addresses,
        );
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** An address literal is connected to without a lookup: judged here instead. */
export function assertLiteralAllowed(hostname: string, allowLocal: boolean): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (!allowLocal && isIP(host) && !isPublicAddress(host))
    throw new RefusedTargetError(`refused: ${host} is not a public address`);
}
