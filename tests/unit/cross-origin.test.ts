import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { isCrossOriginPagePost } from "@/lib/http/cross-origin";
import { secureRequest } from "@/lib/http/edge";

/*
 * A server action posted from another site: Next refuses it with a 500, the edge with a 403 first
 * (lib/http/cross-origin.ts). wapiti's csrf module flagged the pages' action forms; measured on the
 * demo before the fix: a POST with `Origin: http://evil.example` and a server action's field → 500.
 */

const settings = { publicUrl: "http://localhost:3300", development: false };

const cases: {
  name: string;
  method?: string;
  path?: string;
  headers: Record<string, string>;
  refused: boolean;
}[] = [
  { name: "another site's origin", headers: { origin: "http://evil.example" }, refused: true },
  { name: "an opaque origin (null)", headers: { origin: "null" }, refused: true },
  { name: "an unreadable origin", headers: { origin: "::" }, refused: true },
  {
    name: "the same host on another port",
    headers: { origin: "http://localhost:4000" },
    refused: true,
  },
  { name: "the portal's own origin", headers: { origin: "http://localhost:3300" }, refused: false },
  { name: "no origin (not a browser's cross-site post)", headers: {}, refused: false },
  {
    name: "a proxy's forwarded host matching the origin",
    headers: { origin: "https://access.example.com", "x-forwarded-host": "access.example.com" },
    refused: false,
  },
  {
    name: "a proxy's forwarded host not matching the origin",
    headers: { origin: "http://localhost:3300", "x-forwarded-host": "access.example.com, other" },
    refused: true,
  },
  {
    name: "a GET from another origin (a link)",
    method: "GET",
    headers: { origin: "http://evil.example" },
    refused: false,
  },
  {
    name: "the API (bearer tokens, no cookies)",
    path: "/api/v1/requests/x/approve",
    headers: { origin: "http://evil.example" },
    refused: false,
  },
  {
    name: "next-auth's routes (their own CSRF token)",
    path: "/api/auth/callback/oidc",
    headers: { origin: "https://idp.example.com" },
    refused: false,
  },
];

describe("a page POST from another origin (a cross-site server action)", () => {
  it.each(cases)(
    "$name: refused $refused",
    ({ method = "POST", path = "/accounts", headers, refused }) => {
      const request = new NextRequest(new URL(path, settings.publicUrl), {
        method,
        headers: { host: "localhost:3300", ...headers },
      });
      expect(isCrossOriginPagePost(method, path, request.headers)).toBe(refused);
      const response = secureRequest(request, settings);
      expect(response.status === 403).toBe(refused);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    },
  );
});
