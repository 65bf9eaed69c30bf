import { describe, expect, it } from "vitest";
import { isPublicAddress, urlProblem } from "@/lib/webhooks/address-guard";

/**
 * The SSRF guard's rule, one address per row: only globally routable unicast addresses, written
 * the standard way, pass. The same function judges address literals in URLs and every address a
 * name resolves to.
 */
const refused: [string, string][] = [
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "this network"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["10.0.0.1", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["169.254.169.254", "link-local (cloud metadata)"],
  ["192.0.0.8", "IETF protocol assignments"],
  ["192.0.2.1", "documentation"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["192.88.99.1", "6to4 relay anycast"],
  ["198.18.0.1", "benchmarking"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["2130706433", "127.0.0.1 as one decimal number"],
  ["0177.0.0.1", "127.0.0.1 in octal"],
  ["0x7f.1", "127.0.0.1 in hex, two parts"],
  ["0x7f000001", "127.0.0.1 in hex"],
  ["127.1", "127.0.0.1 in two parts"],
  ["010.0.0.1", "leading zero (octal to some parsers)"],
  ["::", "IPv6 unspecified"],
  ["::1", "IPv6 loopback"],
  ["::127.0.0.1", "IPv4-compatible loopback"],
  ["::7f00:1", "IPv4-compatible loopback, hex"],
  ["::8.8.8.8", "IPv4-compatible (deprecated), even of a public address"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
  ["::ffff:8.8.8.8", "IPv4-mapped, even of a public address"],
  ["::ffff:0:a00:1", "IPv4-translated (RFC 6145)"],
  ["64:ff9b::7f00:1", "NAT64 of loopback"],
  ["64:ff9b::a00:1", "NAT64 of a private address"],
  ["64:ff9b::808:808", "NAT64 (well-known prefix), even of a public address"],
  ["64:ff9b:1::a00:1", "NAT64, local-use prefix"],
  ["2002:7f00:1::", "6to4 of loopback"],
  ["2002:808:808::1", "6to4"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ["2001:db8::1", "documentation"],
  ["2001:2::1", "benchmarking"],
  ["3fff::1", "documentation (2024)"],
  ["fc00::1", "unique local"],
  ["fd12:3456:789a::1", "unique local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local with a zone"],
  ["fec0::1", "site-local (deprecated)"],
  ["ff02::1", "multicast"],
  ["100::1", "discard-only"],
  ["[::1]", "bracketed loopback"],
  ["localhost", "a name, not an address"],
  ["", "nothing"],
];

const allowed: [string, string][] = [
  ["8.8.8.8", "public IPv4"],
  ["1.1.1.1", "public IPv4"],
  ["93.184.215.14", "public IPv4"],
  ["172.32.0.1", "just past 172.16.0.0/12"],
  ["100.128.0.1", "just past carrier-grade NAT"],
  ["2606:4700::6810:84e5", "public IPv6"],
  ["2a00:1450:4007:80e::200e", "public IPv6"],
  ["2001:4860:4860::8888", "public IPv6 inside 2001::/16, past 2001::/23"],
  ["[2606:4700::1111]", "bracketed public IPv6"],
];

describe("the webhook address guard: only globally routable unicast addresses", () => {
  it("has a table of at least 40 addresses", () => {
    expect(refused.length + allowed.length).toBeGreaterThanOrEqual(40);
  });

  it.each(refused)("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(allowed)("allows %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("a webhook URL with an address literal, however it is spelled", () => {
  it.each([
    "https://2130706433/hooks",
    "https://0177.0.0.1/hooks",
    "https://0x7f.1/hooks",
    "https://0x7f000001/hooks",
    "https://127.1/hooks",
    "https://0.0.0.0/hooks",
    "https://0/hooks",
    "https://[::127.0.0.1]/hooks",
    "https://[::7f00:1]/hooks",
    "https://[::ffff:127.0.0.1]/hooks",
    "https://[64:ff9b::7f00:1]/hooks",
    "https://[2002:7f00:1::]/hooks",
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks",
    "https://[fec0::1]/hooks",
    "https://[fd00::1]/hooks",
    "https://169.254.169.254/latest/meta-data",
  ])("refuses %s in production", (url) => {
    expect(urlProblem(url, false)).toBe("urlNotPublic");
  });

  it("accepts a public literal and a name (names are judged after resolution)", () => {
    expect(urlProblem("https://8.8.8.8/hooks", false)).toBeNull();
    expect(urlProblem("https://[2606:4700::1111]/hooks", false)).toBeNull();
    expect(urlProblem("https://hooks.example.com/x", false)).toBeNull();
  });
});
