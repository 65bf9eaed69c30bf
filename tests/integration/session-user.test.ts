import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName, userForSessionToken } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { createUser } from "../support/factories";

const DAY = 24 * 3600_000;

async function sessionOf(userId: string, expires: Date) {
  const sessionToken = randomBytes(16).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires } });
  return sessionToken;
}

describe("the signed-in user, read from the session in one statement", () => {
  it("gives the user of a live session with their profile and role", async () => {
    const user = await createUser({ firstName: "Rachel", platformRole: "SUPPORT", locale: "fr" });
    const token = await sessionOf(user.id, new Date(Date.now() + 10 * DAY));
    expect(await userForSessionToken(token)).toMatchObject({ id: user.id, email: user.email, firstName: "Rachel", platformRole: "SUPPORT", locale: "fr" });
  });

  it("gives nobody for an unknown token, an expired session or a disabled user", async () => {
    const user = await createUser();
    const expired = await sessionOf(user.id, new Date(Date.now() - 1000));
    expect(await userForSessionToken(expired)).toBeNull();
    expect(await userForSessionToken("no-such-token")).toBeNull();

    const disabled = await createUser({ disabledAt: new Date() });
    expect(await userForSessionToken(await sessionOf(disabled.id, new Date(Date.now() + DAY)))).toBeNull();
  });

  it("moves the expiry forward once the session is a day old, and not before", async () => {
    const user = await createUser();
    const now = new Date();
    const fresh = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - DAY / 2);
    const freshToken = await sessionOf(user.id, fresh);
    const dayOld = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 2 * DAY);
    const oldToken = await sessionOf(user.id, dayOld);

    await userForSessionToken(freshToken, now);
    await userForSessionToken(oldToken, now);

    const expiry = async (sessionToken: string) => (await db.session.findUniqueOrThrow({ where: { sessionToken } })).expires.getTime();
    expect(await expiry(freshToken)).toBe(fresh.getTime());
    expect(await expiry(oldToken)).toBe(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  });

  it("names next-auth's cookie, with the secure prefix over https", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(sessionCookieName("https://portal.example.com")).toBe("__Secure-next-auth.session-token");
  });
});
