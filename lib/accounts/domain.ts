import { domainToASCII } from "node:url";

export type DomainResult = { ok: true; domain: string } | { ok: false };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises an Account Domain Identifier as people type it: trims, lower-cases, strips a scheme,
 * credentials, port, path, query and trailing dot, and turns internationalised names into punycode
 * (`Bücher.example` → `xn--bcher-kva.example`). Anything that is not then a host name of at least
 * two labels is refused.
 */
export function normalizeDomain(input: string): DomainResult {
  let value = input.trim().toLowerCase();
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, ""); // scheme
  value = value.replace(/^[^/?#@]*@/, ""); // user:password@ or an email address's local part
  value = value.split(/[/?#]/, 1)[0] ?? "";
  value = value.replace(/:\d+$/, ""); // port
  value = value.replace(/\.$/, ""); // trailing dot of a fully qualified name
  if (!value || value.length > 253) return { ok: false };
  const ascii = domainToASCII(value);
  if (!ascii) return { ok: false };
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { ok: false };
  if (/^\d+$/.test(labels.at(-1)!)) return { ok: false }; // an IP address is not a domain
  return { ok: true, domain: ascii };
}
