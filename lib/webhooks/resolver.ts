import { Resolver } from "node:dns/promises";
import { DeliveryFailureError } from "./delivery-failure";

/**
 * Webhook hostnames are resolved by c-ares (`dns.promises.Resolver`), asynchronously on the event
 * loop, never with `dns.lookup`: that one runs getaddrinfo on libuv's thread pool (4 threads by
 * default), so a handful of endpoints on a name whose DNS never answers would hold every thread
 * for the system resolver's whole timeout and stall file and crypto work for the entire server.
 * Each try waits DNS_TIMEOUT_MS, DNS_TRIES tries, and a deadline of both bounds it whatever c-ares
 * does; lookups of one name at once share one query. /etc/hosts is not read (c-ares queries
 * servers): a receiver's name must be in DNS.
 */
export const DNS_TIMEOUT_MS = 1_000;
export const DNS_TRIES = 2;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface ResolverOptions {
  /**
   * The DNS servers to ask ("127.0.0.1:5353"); the system's (/etc/resolv.conf) when absent. Set
   * only by code (tests point it at a server of their own): no environment variable reaches it.
   */
  servers?: string[];
  timeoutMs?: number;
  tries?: number;
}

export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

const DNS_TIMEOUT_CODES = new Set(["ETIMEOUT", "ECANCELLED"]);

/** A resolver of A and AAAA records, bounded as said above. */
export function boundedResolver(options: ResolverOptions = {}): HostResolver {
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS;
  const tries = options.tries ?? DNS_TRIES;
  const resolver = new Resolver({ timeout: timeoutMs, tries });
  if (options.servers) resolver.setServers(options.servers);
  const pending = new Map<string, Promise<ResolvedAddress[]>>();

  async function resolve(hostname: string): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("DNS deadline"), { code: "ETIMEOUT" })),
        timeoutMs * tries,
      );
    });
    const [v4, v6] = await Promise.allSettled([
      Promise.race([resolver.resolve4(hostname), deadline]),
      Promise.race([resolver.resolve6(hostname), deadline]),
    ]).finally(() => clearTimeout(timer));
    const addresses: ResolvedAddress[] = [
      ...(v4.status === "fulfilled"
        ? v4.value.map((address) => ({ address, family: 4 as const }))
        : []),
      ...(v6.status === "fulfilled"
        ? v6.value.map((address) => ({ address, family: 6 as const }))
        : []),
    ];
    if (addresses.length) return addresses;
    const codes = [v4, v6].map((result) =>
      result.status === "rejected" ? String((result.reason as { code?: unknown })?.code) : "",
    );
    const timedOut = codes.some((code) => DNS_TIMEOUT_CODES.has(code));
    throw new DeliveryFailureError(
      timedOut ? "dns_timeout" : "dns_failed",
      `DNS ${timedOut ? "timeout" : "failure"} resolving ${hostname} (${codes.join(", ")})`,
    );
  }

  return (hostname) => {
    const key = hostname.toLowerCase();
    let lookup = pending.get(key);
    if (!lookup) {
      lookup = resolve(key).finally(() => pending.delete(key));
      pending.set(key, lookup);
    }
    return lookup;
  };
}
