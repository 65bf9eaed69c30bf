import { describe, expect, it } from "vitest";
import { appRoutes, routeOf, UNMATCHED_ROUTE } from "@/lib/metrics/routes";

// The app's own routes, read from app/ and public/ as the web process reads them.
const patterns = appRoutes();

describe("the route label of a request's path (portal_http_request_duration_seconds)", () => {
  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/requests/new", "/requests/new"],
    ["/requests/new/", "/requests/new"],
    ["/admin/requests/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "/admin/requests/[id]"],
    ["/admin/requests?status=PENDING&page=2", "/admin/requests"],
    ["/api/v1/requests/abc/approve", "/api/v1/requests/[requestId]/approve"],
    ["/api/v1/requests/abc", "/api/v1/requests/[requestId]"],
    ["/api/v1/openapi.json", "/api/v1/openapi.json"],
    ["/api/v1/accounts/a/members/x%40example.com", "/api/v1/accounts/[accountId]/members/[email]"],
    ["/api/auth/callback/email?token=secret", "/api/auth/[...nextauth]"],
    ["/api/metrics", "/api/metrics"],
    ["/manifest.webmanifest", "/manifest.webmanifest"],
    ["/favicon.ico", "/favicon.ico"],
    ["/_next/static/chunks/abc123.js", "/_next/static"],
    ["/_next/image?url=x", "/_next"],
    ["/wp-login.php", UNMATCHED_ROUTE],
    ["/admin/requests/a/b", UNMATCHED_ROUTE],
    ["/.env", UNMATCHED_ROUTE],
  ])("%s is %s", (path, route) => {
    expect(routeOf(path, patterns)).toBe(route);
  });

  it("never labels with a raw URL: every label is a route of app/, public/ or Next's", () => {
    const labels = new Set(patterns.map((pattern) => pattern.route));
    for (const path of ["/x/y/z", "/admin/requests/123", "/api/v1/requests/1/deny?x=1"])
      expect(
        [...labels, UNMATCHED_ROUTE, "/_next", "/_next/static"].includes(routeOf(path, patterns)),
      ).toBe(true);
  });
});
