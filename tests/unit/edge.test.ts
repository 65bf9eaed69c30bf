import {
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { atApiEdge, secureRequest } from "@/lib/http/edge";
import nextConfig from "@/next.config";
import { config } from "@/proxy";

const http = { publicUrl: "http://localhost:3000", development: false };
const https = { publicUrl: "https://access.example.com", development: false };

function through(path: string, settings = http, headers: Record<string, string> = {}) {
  return secureRequest(new NextRequest(new URL(path, settings.publicUrl), { headers }), settings);
}

/** The headers the page itself is rendered with (NextResponse.next passes them on this way). */
const forwarded = (response: Response, name: string) =>
  response.headers.get(`x-middleware-request-${name}`);

function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(" ")]),
  );
}

describe("the edge (proxy.ts)", () => {
  it("gives every page a strict Content-Security-Policy with a fresh nonce, the same one Next renders with", () => {
    const first = through("/requests");
    const policy = directives(first.headers.get("content-security-policy"));
    const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(policy.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(forwarded(first, "content-security-policy")).toBe(
      first.headers.get("content-security-policy"),
    );
    expect(through("/requests").headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("sends the other security headers, and HSTS only over https", () => {
    const plain = through("/sign-in");
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(plain.headers.get("permissions-policy")).toContain("camera=()");
    expect(plain.headers.get("x-frame-options")).toBe("DENY");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");

    const secure = through("/sign-in", https);
    expect(secure.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("lets only the portal frame the development mailbox's email, which runs nothing", () => {
    const frame = through("/dev/mailbox/abc123");
    expect(frame.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
    expect(frame.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(
      directives(through("/dev/mailbox").headers.get("content-security-policy")).get(
        "frame-ancestors",
      ),
    ).toBe("'none'");
  });

  it("allows eval only under next dev", () => {
    expect(
      through("/", { ...http, development: true }).headers.get("content-security-policy"),
    ).toContain("'unsafe-eval'");
    expect(through("/").headers.get("content-security-policy")).not.toContain("'unsafe-eval'");
  });

  it("keeps a safe request id from a proxy in front and replaces any other", () => {
    const kept = through("/", http, { "x-request-id": "lb-7f3a.01_X" });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a.01_X");
    expect(forwarded(kept, "x-request-id")).toBe("lb-7f3a.01_X");
    const replaced = through("/", http, { "x-request-id": "a".repeat(5000) });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(forwarded(replaced, "x-request-id")).toBe(replaced.headers.get("x-request-id"));
  });

  it("sends next-auth a callbackUrl it can read: an unreadable one in the query is replaced by a redirect", () => {
    const response = through(
      "/api/auth/callback/email?callbackUrl=%3Benv%3B&token=t&email=a%40b.example",
    );
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe("http://localhost:3000");
    expect(location.pathname).toBe("/api/auth/callback/email");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      callbackUrl: "/",
      token: "t",
      email: "a@b.example",
    });
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("leaves a readable callbackUrl as it is, and the pages' callbackUrl to the pages", () => {
    expect(through("/api/auth/signin?callbackUrl=%2Frequests").status).toBe(200);
    expect(
      through("/api/auth/signin?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Frequests").status,
    ).toBe(200);
    expect(through("/sign-in?callbackUrl=%3Benv%3B").status).toBe(200);
  });

  it("replaces an unreadable callback URL cookie before next-auth reads it", () => {
    const response = through("/api/auth/session", http, {
      cookie: "next-auth.callback-url=%3Benv%3B; other=1",
    });
    expect(response.status).toBe(200);
    expect(forwarded(response, "cookie")).toBe("next-auth.callback-url=%2F; other=1");
    const secure = through("/api/auth/session", https, {
      cookie: "__Secure-next-auth.callback-url=%2F%2Fevil.example",
    });
    expect(forwarded(secure, "cookie")).toBe("__Secure-next-auth.callback-url=%2F");
  });

  it('shows the portal\'s own "not found" page for a path or query that is not UTF-8 or carries a NUL', () => {
    for (const path of [
      "/admin/requests/%C0%AF",
      "/support/users/%ff",
      "/dev/mailbox/%00",
      "/support?email=%00",
      "/requests?page=%E2%82",
      "/requests?q=100%zz",
    ]) {
      const response = through(path);
      expect(response.headers.get("x-middleware-rewrite"), path).toBe(
        "http://localhost:3000/_malformed-url",
      );
      expect(response.headers.get("x-middleware-next"), path).toBeNull();
      // The page itself, with the portal's policy (not the email frame's, even under /dev/mailbox).
      expect(response.headers.get("content-security-policy"), path).toContain("'nonce-");
    }
  });

  it("answers an API URL that is not UTF-8 or carries a NUL with a 400 problem", async () => {
    for (const path of [
      "/api/account-lookup?identifier=%00",
      "/api/account-lookup/%C0%AF",
      "/api/auth/signin?callbackUrl=%zz",
    ]) {
      const response = through(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type"), path).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 400, title: "Bad Request" });
    }
  });

  it("passes on URLs that decode: escaped text in any script, a plus for a space, a literal percent sign escaped", () => {
    for (const path of [
      "/support?email=%C3%A9l%C3%A9onore%40example.fr",
      "/support?q=a+b",
      "/support?q=100%25",
      "/admin/requests/0193a0b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b",
      "/requests?q=%F0%9F%98%80",
    ]) {
      const response = through(path);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
      expect(response.headers.get("x-middleware-rewrite"), path).toBeNull();
    }
  });
});

describe("the API's edge (atApiEdge), which the proxy leaves /api/v1 to", () => {
  it("leaves every /api/v1 request to the API's handlers, whatever its body, and keeps the rest", () => {
    const seen = (url: string, headers: Record<string, string> = {}) =>
      unstable_doesMiddlewareMatch({ config, url, headers });
    const api = [
      "/api/v1/requests",
      "/api/v1/requests/x/approve",
      "/api/v1/openapi.json",
      "/api/v1/accounts/a/members/someone%40example.com?virtualAccount=v",
      "/api/v1/no-such-endpoint",
    ];
    for (const url of api) {
      expect(seen(url), url).toBe(false);
      expect(seen(url, { "content-length": String(50 * 1024 * 1024) }), url).toBe(false);
      expect(seen(url, { "content-length": "16" }), url).toBe(false);
      expect(seen(url, { "transfer-encoding": "chunked" }), url).toBe(false);
    }
    for (const url of [
      "/",
      "/requests",
      "/insights?period=90",
      "/api/auth/signin/email",
      "/api/health",
      "/api/account-lookup",
    ]) {
      expect(seen(url), url).toBe(true);
      expect(seen(url, { "content-length": String(50 * 1024 * 1024) }), url).toBe(true);
    }
  });

  it("sends an /api/v1 URL that does not decode, and only such a URL, to the malformed-URL route", async () => {
    const destination = async (path: string) => {
      const response = await unstable_getResponseFromNextConfig({
        url: `http://localhost:3000${path}`,
        nextConfig,
      });
      const rewrite = response.headers.get("x-middleware-rewrite");
      return rewrite === null ? null : new URL(rewrite).pathname;
    };
    for (const path of [
      "/api/v1/requests/%C0%AF/approve",
      "/api/v1/requests/%E0%A4%A",
      "/api/v1/requests/%zz",
      "/api/v1/requests/%ED%A0%80",
      "/api/v1/accounts/a/members/%F4%90%80%80",
      "/api/v1/requests/%",
    ])
      expect(await destination(path), path).toBe("/api/malformed-url");
    for (const path of [
      "/api/v1/requests",
      "/api/v1/requests/x/approve",
      "/api/v1/accounts/a/members/ana%40example.com",
      "/api/v1/accounts/a/members/%C3%A9l%C3%A8ve%40example.com",
      "/api/v1/requests/%F0%9F%98%80",
      "/api/v1/requests/%00",
      "/requests/%C0%AF",
    ])
      expect(await destination(path), path).toBeNull();
  });

  it("gives an API answer the request id (a safe one kept) and the security headers", async () => {
    let seenId = "";
    const answer = await atApiEdge(
      new Request("https://access.example.com/api/v1/accounts", {
        headers: { "x-request-id": "lb-7f3a.01_X" },
      }),
      { https: true },
      async (requestId) => {
        seenId = requestId;
        return Response.json({ ok: true });
      },
    );
    expect(seenId).toBe("lb-7f3a.01_X");
    expect(answer.headers.get("x-request-id")).toBe("lb-7f3a.01_X");
    expect(answer.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("strict-transport-security")).toContain("max-age=");

    const replaced = await atApiEdge(
      new Request("http://localhost:3000/api/v1/accounts", {
        headers: { "x-request-id": "a b;c" },
      }),
      { https: false },
      async () => Response.json({}),
    );
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a malformed API URL with a 400 problem, without calling the handler", async () => {
    let called = false;
    const answer = await atApiEdge(
      new Request("http://localhost:3000/api/v1/requests/%C0%AF"),
      { https: false },
      async () => {
        called = true;
        return Response.json({});
      },
    );
    expect(called).toBe(false);
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("x-request-id")).toBeTruthy();
  });
});
