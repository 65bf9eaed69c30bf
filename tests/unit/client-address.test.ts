import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "@/lib/http/client-address";
import { parseEnv } from "@/lib/env";

const none = parseTrustedProxies(undefined);
const oneHop = parseTrustedProxies("1");
const twoHops = parseTrustedProxies("2");
const balancers = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, fd00::/8");

describe("the client's address for the per-client limits", () => {
  // [case, socket's address, X-Forwarded-For as received, TRUSTED_PROXIES, the client]
  const cases: [
    string,
    string | null,
    string | null,
    ReturnType<typeof parseTrustedProxies>,
    string,
  ][] = [
    ["no proxy, no header: the socket", "198.51.100.4", null, none, "198.51.100.4"],
    [
      "no proxy: a client's own header is ignored",
      "198.51.100.4",
      "203.0.113.9",
      none,
      "198.51.100.4",
    ],
    [
      "no proxy: a list of forged entries is ignored",
      "198.51.100.4",
      "1.1.1.1, 2.2.2.2",
      none,
      "198.51.100.4",
    ],
    [
      "IPv4-mapped socket address spelled as IPv4",
      "::ffff:198.51.100.4",
      null,
      none,
      "198.51.100.4",
    ],
    ["IPv6 socket address", "2001:db8::1", "203.0.113.9", none, "2001:db8::1"],
    ["no socket address (not through the server)", null, "203.0.113.9", none, "unknown"],
    ["one hop: the entry the proxy appended", "10.0.0.2", "203.0.113.9", oneHop, "203.0.113.9"],
    [
      "one hop: a forged entry to its left is ignored",
      "10.0.0.2",
      "1.1.1.1, 203.0.113.9",
      oneHop,
      "203.0.113.9",
    ],
    [
      "one hop, reached directly (no header): the socket",
      "198.51.100.4",
      null,
      oneHop,
      "198.51.100.4",
    ],
    [
      "two hops: two entries from the socket",
      "10.0.0.2",
      "6.6.6.6, 203.0.113.9, 10.0.0.3",
      twoHops,
      "203.0.113.9",
    ],
    [
      "two hops, one entry only: the furthest there is",
      "10.0.0.2",
      "203.0.113.9",
      twoHops,
      "203.0.113.9",
    ],
    ["listed proxy: its entry is the client", "10.1.2.3", "203.0.113.9", balancers, "203.0.113.9"],
    [
      "listed proxy as IPv4-mapped socket address",
      "::ffff:10.1.2.3",
      "203.0.113.9",
      balancers,
      "203.0.113.9",
    ],
    [
      "listed proxies in a chain: the first untrusted from the right",
      "10.1.2.3",
      "1.1.1.1, 203.0.113.9, 192.0.2.7",
      balancers,
      "203.0.113.9",
    ],
    [
      "listed proxies: a forged trusted address on the left does not help",
      "10.1.2.3",
      "10.9.9.9, 203.0.113.9",
      balancers,
      "203.0.113.9",
    ],
    ["listed IPv6 network", "fd00::5", "2001:db8::7", balancers, "2001:db8::7"],
    [
      "an unlisted socket: its header is ignored",
      "198.51.100.4",
      "203.0.113.9",
      balancers,
      "198.51.100.4",
    ],
    [
      "a neighbour of a listed single address is not trusted",
      "192.0.2.8",
      "203.0.113.9",
      balancers,
      "192.0.2.8",
    ],
    ["every hop trusted: the furthest", "10.1.2.3", "10.4.5.6", balancers, "10.4.5.6"],
    ["listed proxy, no header: the socket", "10.1.2.3", null, balancers, "10.1.2.3"],
    ["an entry with a port", "10.1.2.3", "203.0.113.9:5123", balancers, "203.0.113.9"],
    [
      "a bracketed IPv6 entry with a port",
      "10.1.2.3",
      "[2001:db8::7]:443",
      balancers,
      "2001:db8::7",
    ],
    [
      "a non-address entry written by a trusted proxy stays as written",
      "10.1.2.3",
      "unknown",
      balancers,
      "unknown",
    ],
  ];
  it.each(cases)("%s", (_, peer, forwardedFor, trusted, expected) => {
    expect(clientAddress(peer, forwardedFor, trusted)).toBe(expected);
  });

  it("cannot be changed by a client sending a new X-Forwarded-For each time", () => {
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) => clientAddress("198.51.100.4", `203.0.113.${i}`, none)),
    );
    expect([...seen]).toEqual(["198.51.100.4"]);
  });
});

describe("TRUSTED_PROXIES", () => {
  const base = {
    DATABASE_URL: "postgres://u:p@localhost:5432/portal",
    NEXTAUTH_SECRET: "x".repeat(32),
  };
  it.each([
    [undefined, { kind: "none" }],
    ["", { kind: "none" }],
    ["1", { kind: "hops", hops: 1 }],
  ])("%j is %j", (value, expected) => {
    expect(parseEnv({ ...base, TRUSTED_PROXIES: value }).TRUSTED_PROXIES).toEqual(expected);
  });

  it("takes addresses and CIDR networks", () => {
    const parsed = parseEnv({
      ...base,
      TRUSTED_PROXIES: "127.0.0.1, ::1, 10.0.0.0/8",
    }).TRUSTED_PROXIES;
    expect(parsed.kind).toBe("networks");
  });

  it.each([
    "0",
    "11",
    "10.0.0.0/33",
    "fd00::/129",
    "proxy.internal",
    "10.0.0.1/8/1",
    "1.2.3",
    "10.0.0.1,",
  ])("refuses %j, naming the variable", (value) => {
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES/);
  });
});
