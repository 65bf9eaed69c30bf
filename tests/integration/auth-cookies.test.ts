import { describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { unique } from "../factories";
import { callNextAuth, cookiesSet, csrfForm } from "../support/next-auth-client";

// This file's portal is served over https (the environment is read once per test file).
process.env.NEXTAUTH_URL = "https://access.example.com";

/** Asks for a sign-in link as the form does, and follows it as the browser would (no HTTP server). */
async function signInByLink(callbackUrl: string) {
  const email = `https-${unique()}@example.com`;
  const { csrfToken, cookies } = await csrfForm();
  const asked = await callNextAuth({
    path: ["signin", "email"],
    method: "POST",
    cookies,
    body: { email, csrfToken, callbackUrl, json: "true" },
  });
  expect(asked.redirect).toContain("/verify-request");
  const message = await db.emailMessage.findFirstOrThrow({
    where: { to: email, template: "sign-in" },
  });
  const link = new URL((message.payload as { url: string }).url);
  const followed = await callNextAuth({
    path: ["callback", "email"],
    query: Object.fromEntries(link.searchParams),
    cookies,
  });
  return { email, link, followed };
}

describe("next-auth's cookies and redirects, over https", () => {
  // next-auth derives useSecureCookies from NEXTAUTH_URL; this checks it agrees with the portal's reader.
  it("sets Secure, __Secure- prefixed session cookies under the name the portal reads", async () => {
    const { email, followed } = await signInByLink("/requests");
    const session = followed.setCookies.find((line) =>
      line.startsWith("__Secure-next-auth.session-token="),
    );
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(Object.keys(cookiesSet(followed))).toContain(
      sessionCookieName(process.env.NEXTAUTH_URL!),
    );
    const token = cookiesSet(followed)["__Secure-next-auth.session-token"]!;
    expect(
      await db.session.findUniqueOrThrow({
        where: { sessionToken: token },
        include: { user: true },
      }),
    ).toMatchObject({ user: { email } });
    expect(followed.redirect).toBe("https://access.example.com/requests");
  });

  it("sends the user back only to the portal, whatever callbackUrl the sign-in form was given", async () => {
    for (const hostile of [
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "https://evil.example/",
      "//evil.example",
    ]) {
      const { link, followed } = await signInByLink(hostile);
      expect(link.searchParams.get("callbackUrl")).toBe("https://access.example.com/");
      expect(followed.redirect).toBe("https://access.example.com/");
    }
  });
});
